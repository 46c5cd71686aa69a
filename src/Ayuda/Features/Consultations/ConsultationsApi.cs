using System.Security.Claims;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Consultations;

/// <summary>Internal consultations: asked from a ticket, answered by the people asked, closed by the consultant.</summary>
public static class ConsultationsApi
{
    public static RouteGroupBuilder MapConsultationsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/tickets/{number}/consultations", async Task<IResult> (string number, ConsultTicket.AskRequest body, ClaimsPrincipal user, ConsultTicket consult,
                IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await consult.AskAsync(number, body, user.ToActor(), ct)).ToResult(c => TypedResults.Created($"/api/v1/consultations/{c.Id}", c), l))
            .RequireAuthorization(Policies.Implementation)
            .WithTags("Consultations")
            .WithSummary("Ask the head of implementation and/or consultants about a ticket: {\"question\",\"askUserIds\":[...]}; they are told in Ayuda and by email")
            .Produces<ConsultationView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        api.MapGet("/tickets/{number}/consultations", async Task<IResult> (string number, ConsultationQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.ForTicketAsync(number, ct) is { } found
                    ? TypedResults.Ok(found)
                    : TypedResults.Problem(l["Tickets.NotFound", number], statusCode: StatusCodes.Status404NotFound, title: l["Problem.NotFoundTitle"]))
            .WithTags("Consultations")
            .WithSummary("A ticket's consultations, newest first, with who was asked and who answered")
            .Produces<IReadOnlyList<ConsultationView>>();

        var consultations = api.MapGroup("/consultations").WithTags("Consultations");

        consultations.MapGet("/", (ConsultationQueries queries, ClaimsPrincipal user, CancellationToken ct, int limit = 50) =>
                queries.WaitingForAsync(user.StaffId() ?? "", limit, ct))
            .WithSummary("Open consultations waiting for my answer, oldest first");

        consultations.MapGet("/askable", (ConsultationQueries queries, ClaimsPrincipal user, CancellationToken ct) => queries.AskableAsync(user.StaffId(), ct))
            .WithSummary("Who can be asked: consultants and the head of implementation, except me");

        consultations.MapGet("/{id:long}", async Task<IResult> (long id, ConsultationQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.GetAsync(id, ct) is { } found
                    ? TypedResults.Ok(found)
                    : TypedResults.Problem(l["Consultations.NotFound", id], statusCode: StatusCodes.Status404NotFound, title: l["Problem.NotFoundTitle"]))
            .WithSummary("One consultation")
            .Produces<ConsultationView>();

        consultations.MapPost("/{id:long}/answers", async Task<IResult> (long id, ConsultTicket.AnswerRequest body, ClaimsPrincipal user, ConsultTicket consult,
                IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await consult.AnswerAsync(id, body, user.ToActor(), user.IsInRole(Roles.HeadOfImplementation), ct)).ToResult(TypedResults.Ok, l))
            .WithSummary("Answer a consultation you were asked (the head may always answer): {\"text\"}; an internal note on the ticket")
            .Produces<ConsultationView>()
            .ProducesValidationProblem();

        consultations.MapPost("/{id:long}/close", async Task<IResult> (long id, ConsultTicket.CloseRequest body, ClaimsPrincipal user, ConsultTicket consult,
                IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await consult.CloseAsync(id, body, user.ToActor(), user.IsInRole(Roles.HeadOfImplementation), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Implementation)
            .WithSummary("End a consultation before everyone answered: {\"note\"?}; the ticket is worked again")
            .Produces<ConsultationView>();

        return api;
    }
}
