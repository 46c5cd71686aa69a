using System.Globalization;
using Ayuda.Data;
using Ayuda.Features.Channels.Email;
using Ayuda.Features.Notifications;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Meetings;

/// <summary>
/// Schedule, reschedule and cancel a ticket's meetings, for the pages and the API alike. Each change writes the
/// ticket's timeline and the invitation email (with its calendar) in one transaction; the outbox sends it.
/// </summary>
public sealed class MeetingWork(
    IDbContextFactory<AyudaDb> contexts,
    TicketChanges changes,
    MeetingPlanner planner,
    MeetingInvitations invitations,
    MeetingQueries queries,
    OutboxSignal signal,
    IOptionsMonitor<MeetingOptions> options,
    IOptionsMonitor<EmailOptions> emailOptions,
    IStringLocalizer<Strings> l,
    ILogger<MeetingWork> logger)
{
    public async Task<Outcome<MeetingView>> ScheduleAsync(string ticketNumber, ScheduleRequest request, Actor actor, CancellationToken ct)
    {
        MeetingPlan plan;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Number == ticketNumber, ct);
            if (ticket is null)
            {
                return Outcome<MeetingView>.Fail(l["Tickets.NotFound", ticketNumber], DomainErrorKind.NotFound);
            }
            var title = string.IsNullOrWhiteSpace(request.Title) && request.Kind is { } kind && Enum.IsDefined(kind)
                ? await DefaultTitleAsync(db, ticket, kind, ct) : request.Title;
            var link = request.Kind == MeetingKind.VideoCall && string.IsNullOrWhiteSpace(request.Link) ? options.CurrentValue.NewVideoLink(ticket.Number) : request.Link;
            var draft = new MeetingPlanner.Draft(request.Kind, request.Start, request.DurationMinutes ?? options.CurrentValue.DefaultDurationMinutes,
                title, request.Agenda, link, request.Location, request.Attendees);
            var (planned, errors) = await planner.PlanAsync(db, ticket.CustomerId, draft, null, ct);
            if (planned is null)
            {
                return Outcome<MeetingView>.Invalid(errors);
            }
            plan = planned;
        }
        var uid = $"ayuda-meeting-{Guid.NewGuid():N}@{emailOptions.CurrentValue.DeskDomain}";
        long id = 0;
        var outcome = await changes.ApplyAsync(ticketNumber, async (ticket, db, now) =>
        {
            GuardTicket(ticket);
            var meeting = new Meeting(ticket.Id, ticket.Number, ticket.CustomerId, uid, plan, actor, now);
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync(ct);
            id = meeting.Id;
            ticket.RecordMeeting(TimelineKind.MeetingScheduled, meeting.Id, meeting.Start, meeting.Title, actor, now);
            await invitations.ComposeAsync(db, ticket, meeting, MeetingMail.Invitation, meeting.Attendees, actor, now, ct);
        }, ct);
        logger.LogInformation("Meeting {Id} ({Kind}) on ticket {Number} scheduled by {Actor}: {Succeeded}", id, plan.Kind, ticketNumber, actor.Name, outcome.Succeeded);
        return await AfterAsync(outcome, id, ct);
    }

    /// <summary>New time, place or people: everyone still invited gets the update, anyone taken off gets a cancellation.</summary>
    public async Task<Outcome<MeetingView>> RescheduleAsync(long id, RescheduleRequest request, Actor actor, CancellationToken ct)
    {
        Meeting current;
        MeetingPlan plan;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var found = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
            if (found is null)
            {
                return Outcome<MeetingView>.Fail(l["Meetings.NotFound", id], DomainErrorKind.NotFound);
            }
            if (found.IsCancelled)
            {
                return Outcome<MeetingView>.Fail(l["Meetings.AlreadyCancelled", found.Title]);
            }
            current = found;
            var attendees = request.Attendees ?? new AttendeesInput(
                [.. current.Attendees.Where(a => a.ContactId is not null).Select(a => a.ContactId!.Value)],
                [.. current.Attendees.Where(a => a.StaffId is not null).Select(a => a.StaffId!)],
                [.. current.Attendees.Where(a => a.Kind == AttendeeKind.Email).Select(a => a.Email)]);
            var draft = new MeetingPlanner.Draft(current.Kind, request.Start ?? Iso(current.Start), request.DurationMinutes ?? current.DurationMinutes,
                request.Title ?? current.Title, request.Agenda ?? current.Agenda, request.Link ?? current.VideoLink, request.Location ?? current.Location, attendees);
            var (planned, errors) = await planner.PlanAsync(db, current.CustomerId, draft, current.Start, ct);
            if (planned is null)
            {
                return Outcome<MeetingView>.Invalid(errors);
            }
            plan = planned;
        }
        var outcome = await changes.ApplyAsync(current.TicketNumber, async (ticket, db, now) =>
        {
            GuardTicket(ticket);
            var meeting = await db.Meetings.FirstAsync(m => m.Id == id, ct);
            // Without a version the plan was built from the copy read above: a change made since then is not overwritten.
            meeting.GuardVersion(request.Version ?? current.Version);
            var before = meeting.Attendees.ToList();
            meeting.Reschedule(plan, now);
            var removed = before.Where(b => meeting.Attendees.All(a => !string.Equals(a.Email, b.Email, StringComparison.OrdinalIgnoreCase))).ToList();
            ticket.RecordMeeting(TimelineKind.MeetingRescheduled, meeting.Id, meeting.Start, meeting.Title, actor, now);
            await invitations.ComposeAsync(db, ticket, meeting, MeetingMail.Update, meeting.Attendees, actor, now, ct);
            if (removed.Count > 0)
            {
                await invitations.ComposeAsync(db, ticket, meeting, MeetingMail.Withdrawn, removed, actor, now, ct);
            }
        }, ct);
        return await AfterAsync(outcome, id, ct);
    }

    /// <summary>Calls the meeting off: every attendee gets the cancellation with the reason; it stays listed as cancelled.</summary>
    public async Task<Outcome<MeetingView>> CancelAsync(long id, CancelRequest request, Actor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return Outcome<MeetingView>.Invalid("reason", l["Meetings.ReasonRequired"]);
        }
        if (request.Reason.Trim().Length > Meeting.MaxAgendaLength)
        {
            return Outcome<MeetingView>.Invalid("reason", l["Meetings.TooLong", Meeting.MaxAgendaLength]);
        }
        string? ticketNumber;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            ticketNumber = await db.Meetings.Where(m => m.Id == id).Select(m => m.TicketNumber).FirstOrDefaultAsync(ct);
        }
        if (ticketNumber is null)
        {
            return Outcome<MeetingView>.Fail(l["Meetings.NotFound", id], DomainErrorKind.NotFound);
        }
        var outcome = await changes.ApplyAsync(ticketNumber, async (ticket, db, now) =>
        {
            var meeting = await db.Meetings.FirstAsync(m => m.Id == id, ct);
            meeting.GuardVersion(request.Version);
            meeting.Cancel(request.Reason, now);
            ticket.RecordMeeting(TimelineKind.MeetingCancelled, meeting.Id, meeting.Start, $"{meeting.Title}\n{meeting.CancelReason}", actor, now);
            // Attendees are told even when the case is already closed: otherwise the meeting would stay in their calendars.
            await invitations.ComposeAsync(db, ticket, meeting, MeetingMail.Cancellation, meeting.Attendees, actor, now, ct);
        }, ct);
        return await AfterAsync(outcome, id, ct);
    }

    /// <summary>A link for a new video call of the ticket, from the configured pattern (the dialog shows it before saving).</summary>
    public string NewVideoLink(string ticketNumber) => options.CurrentValue.NewVideoLink(ticketNumber);

    public int DefaultDurationMinutes => options.CurrentValue.DefaultDurationMinutes;

    private static void GuardTicket(Ticket ticket)
    {
        if (ticket.State is TicketState.Closed or TicketState.Triage or TicketState.Regularisation)
        {
            throw DomainException.Conflict("Meetings.TicketNotOpen", ticket.Number, ticket.State);
        }
    }

    private async Task<Outcome<MeetingView>> AfterAsync(Outcome<TicketView> outcome, long id, CancellationToken ct)
    {
        if (!outcome.Succeeded)
        {
            return outcome.Problem is null ? Outcome<MeetingView>.Invalid(outcome.Errors) : Outcome<MeetingView>.Fail(outcome.Problem, outcome.Kind);
        }
        signal.Notify();
        return Outcome<MeetingView>.Ok((await queries.GetAsync(id, ct))!);
    }

    /// <summary>"Videollamada: {subject}", in the customer's language (it lands in their calendar).</summary>
    private async Task<string> DefaultTitleAsync(AyudaDb db, Ticket ticket, MeetingKind kind, CancellationToken ct)
    {
        var language = await CustomerRecipient.LanguageAsync(db, ticket, ct);
        var title = ReaderCulture.In(language, () => l["Meetings.DefaultTitle", l[$"MeetingKind.{kind}"], ticket.Subject].Value);
        return title.Length > Meeting.MaxTitleLength ? title[..Meeting.MaxTitleLength] : title;
    }

    private static string Iso(DateTimeOffset instant) => instant.ToString("O", CultureInfo.InvariantCulture);
}
