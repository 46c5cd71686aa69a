using System.Security.Claims;
using Ayuda.Features.Staff;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Closing;

/// <summary>Resolving a ticket with its closing notification, and the notifications it sent.</summary>
public static class ClosingApi
{
    public static RouteGroupBuilder MapClosingApi(this RouteGroupBuilder api)
    {
        api.MapGet("/tickets/{number}/closing-draft", async Task<IResult> (string number, string? resolution, ClaimsPrincipal user, ResolveAndNotify resolve,
                IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await resolve.DraftAsync(number, resolution, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Implementation)
            .WithTags("Tickets")
            .WithSummary("The closing notification as it would be sent for ?resolution=…: default To and CC, who else can be copied, subject and body")
            .Produces<ClosingDraft>();

        api.MapPost("/tickets/{number}/resolve", async Task<IResult> (string number, ResolveRequest body, ClaimsPrincipal user, ResolveAndNotify resolve,
                IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await resolve.ResolveAsync(number, body, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Implementation)
            .WithTags("Tickets")
            .WithSummary("Resolve and notify: {\"resolution\",\"to\":[...],\"cc\":[...],\"ccStaffIds\":[...],\"subject\"?,\"body\"?}; one email, the ticket closes once it is sent")
            .Produces<TicketView>()
            .ProducesValidationProblem();

        api.MapGet("/tickets/{number}/notifications", async Task<IResult> (string number, ClosingQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.ForTicketAsync(number, ct) is { } found
                    ? TypedResults.Ok(found)
                    : TypedResults.Problem(l["Tickets.NotFound", number], statusCode: StatusCodes.Status404NotFound, title: l["Problem.NotFoundTitle"]))
            .WithTags("Tickets")
            .WithSummary("The ticket's closing notifications with their delivery state (queued, sent, failed with the reason)")
            .Produces<IReadOnlyList<ClosingNotificationView>>();
        return api;
    }
}
