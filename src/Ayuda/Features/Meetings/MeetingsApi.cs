using System.Security.Claims;
using System.Text;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Meetings;

/// <summary><c>/api/v1/meetings</c> and a ticket's meetings. Implementation schedules and changes them; any staff member reads them.</summary>
public static class MeetingsApi
{
    public static RouteGroupBuilder MapMeetingsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/tickets/{number}/meetings", async Task<IResult> (string number, ScheduleRequest body, ClaimsPrincipal user, MeetingWork work, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await work.ScheduleAsync(number, body, user.ToActor(), ct)).ToResult(m => TypedResults.Created($"/api/v1/meetings/{m.Id}", m), l))
            .RequireAuthorization(Policies.Implementation)
            .WithTags("Meetings")
            .WithSummary("Schedule a meeting and email the invitation (iCalendar REQUEST): {kind: videoCall|visit, start (ISO 8601; without offset = desk time), "
                + "durationMinutes (15–480), attendees: {contactIds, staffIds, emails}, title?, agenda?, link? (video; default from the pattern), location? (visit, required)}");
        api.MapGet("/tickets/{number}/meetings", async Task<IResult> (string number, MeetingQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.ForTicketAsync(number, ct) is { } meetings ? TypedResults.Ok(meetings) : TypedResults.Problem(l["Tickets.NotFound", number], statusCode: StatusCodes.Status404NotFound))
            .WithTags("Meetings")
            .WithSummary("The ticket's meetings, soonest first, cancelled ones included");

        var meetings = api.MapGroup("/meetings").WithTags("Meetings");
        meetings.MapGet("/", async Task<IResult> (MeetingQueries queries, DeskClock desk, ClaimsPrincipal user, IStringLocalizer<Strings> l, CancellationToken ct,
                string? from, string? to, bool includeCancelled = false, bool mine = false) =>
            {
                var errors = new Dictionary<string, string[]>();
                var start = Bound(from, desk, "from", errors, l) ?? desk.FromLocal(desk.Today.ToDateTime(TimeOnly.MinValue));
                var end = Bound(to, desk, "to", errors, l) ?? start.AddDays(28);
                if (errors.Count == 0 && end <= start)
                {
                    errors["to"] = [l["Meetings.RangeBackwards"]];
                }
                else if (errors.Count == 0 && end - start > TimeSpan.FromDays(MeetingQueries.MaxRangeDays))
                {
                    errors["to"] = [l["Meetings.RangeTooWide", MeetingQueries.MaxRangeDays]];
                }
                return errors.Count > 0
                    ? TypedResults.ValidationProblem(errors, title: l["Problem.ValidationTitle"])
                    : TypedResults.Ok(await queries.RangeAsync(start, end, includeCancelled, mine ? user.StaffId() : null, ct));
            })
            .WithSummary($"Meetings overlapping [from, to) by start (ISO 8601; without offset = desk time; default the coming 4 weeks, at most {MeetingQueries.MaxRangeDays} days); includeCancelled=true; mine=true (organised or attended)")
            .Produces<IReadOnlyList<MeetingView>>();
        meetings.MapGet("/{id:long}", async Task<IResult> (long id, MeetingQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.GetAsync(id, ct) is { } meeting ? TypedResults.Ok(meeting) : NotFound(id, l))
            .WithSummary("One meeting with its attendees, UID and SEQUENCE")
            .Produces<MeetingView>();
        meetings.MapGet("/{id:long}/ics", async Task<IResult> (long id, MeetingQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.CalendarAsync(id, ct) is { } ics
                    ? TypedResults.File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"reunion-{id}.ics")
                    : NotFound(id, l))
            .WithSummary("The meeting's current invitation as an .ics file (CANCEL once cancelled)");
        meetings.MapPost("/{id:long}/reschedule", async Task<IResult> (long id, RescheduleRequest body, ClaimsPrincipal user, MeetingWork work, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await work.RescheduleAsync(id, body, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Implementation)
            .WithSummary("Move it: {start?, durationMinutes?, attendees?, title?, agenda?, link?, location?, version?}; attendees get an update (same UID, SEQUENCE+1), removed ones a cancellation; 409 when cancelled or changed meanwhile");
        meetings.MapPost("/{id:long}/cancel", async Task<IResult> (long id, CancelRequest body, ClaimsPrincipal user, MeetingWork work, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await work.CancelAsync(id, body, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Implementation)
            .WithSummary("Call it off: {reason, version?}; every attendee gets METHOD:CANCEL with STATUS:CANCELLED");
        return api;
    }

    private static DateTimeOffset? Bound(string? value, DeskClock desk, string field, Dictionary<string, string[]> errors, IStringLocalizer<Strings> l)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var parsed = MeetingPlanner.ParseLocalOrOffset(value, desk);
        if (parsed is null)
        {
            errors[field] = [l["Meetings.DateUnreadable", value]];
        }
        return parsed;
    }

    private static IResult NotFound(long id, IStringLocalizer<Strings> l) =>
        TypedResults.Problem(l["Meetings.NotFound", id], statusCode: StatusCodes.Status404NotFound, title: l["Problem.NotFoundTitle"]);
}
