using System.Security.Claims;
using Ayuda.Features.Staff;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Intake;

/// <summary><c>POST /api/v1/intake</c> and the gate's follow-ups on a ticket (identify, release, close without service).</summary>
public static class IntakeApi
{
    public static RouteGroupBuilder MapIntakeApi(this RouteGroupBuilder api)
    {
        api.MapPost("/intake", async Task<IResult> (IntakeRequest body, ClaimsPrincipal user, ReceiveContact receive, IStringLocalizer<Strings> l,
                [FromHeader(Name = ReceiveContact.IdempotencyHeader)] string? idempotencyKey, CancellationToken ct) =>
                (await receive.ExecuteAsync(body, user.ToActor(), idempotencyKey, ct)).ToResult(t => TypedResults.Created($"/api/v1/tickets/{t.Number}", t), l))
            .RequireAuthorization(Policies.Intake)
            .WithTags("Intake")
            .WithSummary("Receive a contact: identify the sender, apply the agreement gate, open the ticket (Pending, Regularisation or Triage)")
            .WithDescription("Send an Idempotency-Key header (1-100 printable ASCII characters, e.g. a UUID) to retry safely: the same key from the same caller answers with the ticket it already opened.")
            .Produces<TicketView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        var tickets = api.MapGroup("/tickets/{number}").WithTags("Intake");

        tickets.MapPost("/identify", async Task<IResult> (string number, TriageAndRegularisation.IdentifyRequest body, ClaimsPrincipal user, TriageAndRegularisation gate, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await gate.IdentifyAsync(number, body, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Intake)
            .WithSummary("Triage: name the customer (and contact) of an unidentified contact; the gate then runs");

        tickets.MapPost("/release", async Task<IResult> (string number, ClaimsPrincipal user, TriageAndRegularisation gate, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await gate.ReleaseAsync(number, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Commercial)
            .WithSummary("Regularisation: release to Implementation once an agreement is in force (keeps the time of contact)");

        tickets.MapPost("/close-without-service", async Task<IResult> (string number, TriageAndRegularisation.CloseRequest body, ClaimsPrincipal user,
                TicketQueries queries, IAuthorizationService authorization, TriageAndRegularisation gate, IStringLocalizer<Strings> l, CancellationToken ct) =>
            {
                // Administration closes triage contacts (spam, wrong number); the PM closes regularisation cases.
                if (await queries.GetAsync(number, ct) is { } ticket)
                {
                    var policy = ticket.State == TicketState.Regularisation ? Policies.Commercial : Policies.Intake;
                    if (!(await authorization.AuthorizeAsync(user, policy)).Succeeded)
                    {
                        return TypedResults.Forbid();
                    }
                }
                return (await gate.CloseWithoutServiceAsync(number, body, user.ToActor(), ct)).ToResult(TypedResults.Ok, l);
            })
            .RequireAuthorization(Policies.IntakeOrCommercial)
            .WithSummary("Close a triage or regularisation case without assistance, with a reason");

        return api;
    }
}
