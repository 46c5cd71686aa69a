using System.Security.Claims;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Feedback;

/// <summary><c>/api/v1/feedback</c>: the suggestions and complaints register. There is no DELETE: entries are quality records.</summary>
public static class FeedbackApi
{
    public static RouteGroupBuilder MapFeedbackApi(this RouteGroupBuilder api)
    {
        var feedback = api.MapGroup("/feedback").RequireAuthorization(Policies.Feedback).WithTags("Feedback");
        feedback.MapGet("/", (FeedbackQueries queries, CancellationToken ct, string? kind, string? state, string? category, int? customerId,
                string? cursor = null, int limit = 50) =>
                queries.ListAsync(new FeedbackFilter(QueryValues.Enum<FeedbackKind>(kind, nameof(kind)), QueryValues.Enum<FeedbackState>(state, nameof(state)),
                    customerId, QueryValues.Enum<FeedbackCategory>(category, nameof(category))), cursor, limit, ct))
            .WithSummary("The register, newest first: kind=suggestion|complaint, state=open|closed, category, customerId; page with the returned cursor");
        feedback.MapGet("/{number}", async Task<IResult> (string number, FeedbackQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.GetAsync(number.ToUpperInvariant(), ct) is { } found
                    ? TypedResults.Ok(found)
                    : TypedResults.Problem(l["Feedback.NotFound", number], statusCode: StatusCodes.Status404NotFound, title: l["Problem.NotFoundTitle"]))
            .WithSummary("One entry: what the customer said, how they were acknowledged, the outcome and who reviewed and closed it")
            .Produces<FeedbackView>();
        feedback.MapPost("/", async Task<IResult> (FeedbackWork.Input body, ClaimsPrincipal user, FeedbackWork work, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await work.RecordAsync(body, user.ToActor(), ct)).ToResult(f => TypedResults.Created($"/api/v1/feedback/{f.Number}", f), l))
            .WithSummary("Record a suggestion or complaint: {kind: suggestion|complaint, customerId, category: service|product|responseTime|commercial|other, description, " +
                "contactId?, receivedOn?, ticketNumber?}; from a ticket, kind, customer, contact and date default to the ticket's. The customer is acknowledged through the outbox");
        feedback.MapPost("/{number}/review", async Task<IResult> (string number, FeedbackWork.ReviewRequest body, ClaimsPrincipal user, FeedbackWork work,
                IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await work.ReviewAsync(number.ToUpperInvariant(), body, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Supervision)
            .WithSummary("The head of implementation records the outcome (action taken) and, with close=true, closes the entry: {outcome, close}; a complaint needs an outcome to close (409)");
        return api;
    }
}
