using System.Security.Claims;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Channels.Phone;

/// <summary>The switchboard's events, the call log and call-backs.</summary>
public static class PhoneApi
{
    public static RouteGroupBuilder MapPhoneApi(this RouteGroupBuilder api)
    {
        api.MapPost("/channels/phone/events", async Task<IResult> (PhoneEvents.Request body, PhoneEvents events, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await events.ExecuteAsync(body, ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Channels)
            .WithTags("Channels")
            .WithSummary("The switchboard reports a call: {\"event\":\"ringing\"|\"answered\"|\"hangup\",\"callId\",\"from\",\"to\",\"direction\"?,\"at\"?,\"agent\"? (staff email)}; events may repeat or come out of order")
            .Produces<CallView>();

        var calls = api.MapGroup("/calls").RequireAuthorization(Policies.Phone).WithTags("Phone");
        calls.MapGet("/", (CallQueries queries, CancellationToken ct, string? state, int? customerId, string? number, bool unregistered = false, string? cursor = null, int limit = 50) =>
                queries.ListAsync(new CallFilter(QueryValues.Enum<CallState>(state, nameof(state)), customerId, unregistered, number), cursor, limit, ct))
            .WithSummary("The call log, newest first: state=missed|ringing|answered|ended, customerId, number, unregistered=true (no ticket yet); page with the returned cursor");
        calls.MapGet("/{id:long}", async Task<IResult> (long id, CallQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.GetAsync(id, ct) is { } call ? TypedResults.Ok(call) : TypedResults.Problem(l["Calls.NotFound", id], statusCode: StatusCodes.Status404NotFound))
            .WithSummary("One call");

        var callBacks = api.MapGroup("/callbacks").RequireAuthorization(Policies.Phone).WithTags("Phone");
        callBacks.MapGet("/", (CallQueries queries, ClaimsPrincipal user, CancellationToken ct, string? owner, bool? open, int limit = 100) =>
                queries.CallBacksAsync(new CallBackFilter(owner is null or "me" ? user.StaffId() : owner == "all" ? null : owner, open ?? true), limit, ct))
            .WithSummary("Call-backs: owner=me (default)|all|user id; open=true (default, soonest due first, with 'overdue')|false (done, latest first)");
        callBacks.MapPost("/{id:long}/outcome", async Task<IResult> (long id, CallBacks.OutcomeRequest body, ClaimsPrincipal user, CallBacks use, IStringLocalizer<Strings> l, CancellationToken ct) =>
            {
                var mayResolve = user.IsInRole(Roles.Consultant) || user.IsInRole(Roles.HeadOfImplementation);
                if (body.CloseTicket && !mayResolve)
                {
                    return TypedResults.Problem(l["CallBacks.CloseNeedsImplementation"], statusCode: StatusCodes.Status403Forbidden, title: l["Problem.ForbiddenTitle"]);
                }
                return (await use.CompleteAsync(id, body, user.ToActor(), user.IsInRole(Roles.HeadOfImplementation), mayResolve, ct)).ToResult(TypedResults.Ok, l);
            })
            .WithSummary("Record what came of the call-back (required), which closes it; its owner or the head of implementation. closeTicket=true: the call answered the customer, so the ticket is resolved with the outcome and closed");

        api.MapPost("/tickets/{number}/callbacks", async Task<IResult> (string number, CallBacks.ScheduleRequest body, ClaimsPrincipal user, CallBacks use, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await use.ScheduleAsync(number, body, user.ToActor(), ct)).ToResult(c => TypedResults.Created($"/api/v1/callbacks/{c.Id}", c), l))
            .RequireAuthorization(Policies.Phone)
            .WithTags("Phone")
            .WithSummary("Schedule a call-back: {\"dueAt\" (with offset),\"ownerId\"? (default: you),\"note\"?,\"number\"? (default: the contact's phone)}");
        api.MapGet("/tickets/{number}/callbacks", (string number, CallQueries queries, CancellationToken ct) =>
                queries.CallBacksAsync(new CallBackFilter(TicketNumber: number, Open: null), CallQueries.MaxPageSize, ct))
            .RequireAuthorization(Policies.Phone)
            .WithTags("Phone")
            .WithSummary("A ticket's call-backs, open first");
        return api;
    }
}
