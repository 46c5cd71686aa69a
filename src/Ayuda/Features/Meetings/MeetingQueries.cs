using Ayuda.Data;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Meetings;

/// <summary>Meetings in a range of time (the list and the calendar), a ticket's meetings, one meeting, and what the scheduling form offers.</summary>
public sealed class MeetingQueries(IDbContextFactory<AyudaDb> contexts, MeetingInvitations invitations, DeskClock desk)
{
    /// <summary>The widest range one read may ask for: a month view with the days around it.</summary>
    public const int MaxRangeDays = 62;
    public const int MaxRows = 1000;

    /// <summary>Meetings that overlap [<paramref name="from"/>, <paramref name="to"/>), by start; <paramref name="staffId"/> keeps those they organise or attend.</summary>
    public async Task<IReadOnlyList<MeetingView>> RangeAsync(DateTimeOffset from, DateTimeOffset to, bool includeCancelled, string? staffId, CancellationToken ct)
    {
        if (to - from > TimeSpan.FromDays(MaxRangeDays))
        {
            to = from.AddDays(MaxRangeDays);
        }
        from = from.ToUniversalTime();
        to = to.ToUniversalTime();
        // Starting no earlier than the longest meeting before the range lets the Start index bound the scan on both sides.
        var earliest = from.AddMinutes(-Meeting.MaxDuration);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var meetings = db.Meetings.AsNoTracking().Where(m => m.Start >= earliest && m.Start < to && m.End > from);
        if (!includeCancelled)
        {
            meetings = meetings.Where(m => m.State == MeetingState.Scheduled);
        }
        if (staffId is not null)
        {
            meetings = meetings.Where(m => m.OrganizerId == staffId || m.Attendees.Any(a => a.StaffId == staffId));
        }
        return await ViewsAsync(db, meetings.OrderBy(m => m.Start).ThenBy(m => m.Id).Take(MaxRows), ct);
    }

    /// <summary>A ticket's meetings, soonest first; null when the ticket does not exist.</summary>
    public async Task<IReadOnlyList<MeetingView>?> ForTicketAsync(string ticketNumber, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticketId = await db.Tickets.Where(t => t.Number == ticketNumber).Select(t => (long?)t.Id).FirstOrDefaultAsync(ct);
        if (ticketId is null)
        {
            return null;
        }
        return await ViewsAsync(db, SoonestFirst(db.Meetings.Where(m => m.TicketId == ticketId)), ct);
    }

    /// <summary>
    /// The meetings of a ticket the caller is showing (so it exists), soonest first: one query, where
    /// <see cref="ForTicketAsync"/> first makes sure the ticket exists.
    /// </summary>
    public async Task<IReadOnlyList<MeetingView>> OfShownTicketAsync(string ticketNumber, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await ViewsAsync(db, SoonestFirst(db.Meetings
            .Where(m => m.TicketId == db.Tickets.Where(t => t.Number == ticketNumber).Select(t => t.Id).FirstOrDefault())), ct);
    }

    /// <summary>A ticket's meetings as its panel lists them: soonest first, at most 200.</summary>
    private static IQueryable<Meeting> SoonestFirst(IQueryable<Meeting> ofTicket) =>
        ofTicket.AsNoTracking().OrderBy(m => m.Start).ThenBy(m => m.Id).Take(200);

    public async Task<MeetingView?> GetAsync(long id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await ViewsAsync(db, db.Meetings.AsNoTracking().Where(m => m.Id == id), ct)).FirstOrDefault();
    }

    /// <summary>The meeting as an .ics file, in its customer's language; null when it does not exist.</summary>
    public async Task<string?> CalendarAsync(long id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null)
        {
            return null;
        }
        var language = meeting.CustomerId is { } customerId
            ? await db.Customers.Where(c => c.Id == customerId).Select(c => c.Language).FirstOrDefaultAsync(ct) ?? "es" : "es";
        return invitations.Current(meeting, language);
    }

    /// <summary>What the scheduling form offers for a ticket: its customer's contacts and addresses, and the active staff.</summary>
    public async Task<MeetingChoices?> ChoicesAsync(string ticketNumber, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.AsNoTracking().Where(t => t.Number == ticketNumber).Select(t => new { t.CustomerId, t.ContactId }).FirstOrDefaultAsync(ct);
        if (ticket is null)
        {
            return null;
        }
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.CustomerId == ticket.CustomerId && c.IsActive).OrderBy(c => c.Name).Take(200)
            .Select(c => new ContactChoice(c.Id, c.Name, c.Emails.Select(e => e.Address).FirstOrDefault(), c.Id == ticket.ContactId)).ToListAsync(ct);
        var addresses = ticket.CustomerId is { } customerId
            ? (await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.Addresses).FirstOrDefaultAsync(ct) ?? [])
                .Select(a => string.IsNullOrWhiteSpace(a.Label) ? a.ToString() : $"{a.Label}: {a}").Where(a => a.Length > 0).ToList()
            : [];
        var staff = await db.Users.AsNoTracking().Where(u => u.IsActive && u.Email != null).OrderBy(u => u.DisplayName).Take(500)
            .Select(u => new StaffChoice(u.Id, u.DisplayName, u.Email!)).ToListAsync(ct);
        return new MeetingChoices(contacts, addresses, staff);
    }

    private async Task<IReadOnlyList<MeetingView>> ViewsAsync(AyudaDb db, IQueryable<Meeting> meetings, CancellationToken ct)
    {
        var rows = await meetings.Select(m => new
        {
            Meeting = m,
            Subject = db.Tickets.Where(t => t.Id == m.TicketId).Select(t => t.Subject).FirstOrDefault(),
            Customer = db.Customers.Where(c => c.Id == m.CustomerId).Select(c => c.Name).FirstOrDefault(),
        }).ToListAsync(ct);
        return [.. rows.Select(r => View(r.Meeting, r.Subject, r.Customer))];
    }

    private MeetingView View(Meeting m, string? subject, string? customer) => new(
        m.Id, m.TicketNumber, subject ?? "", m.CustomerId, customer, m.Kind, m.Title, m.Start, m.End, desk.Local(m.Start), m.DurationMinutes,
        m.VideoLink, m.Location, m.Agenda, m.State, m.CancelReason, m.OrganizerId, m.OrganizerName,
        [.. m.Attendees.Select(a => new AttendeeView(a.Kind, a.ContactId, a.StaffId, a.Name, a.Email, a.Response, a.RespondedAt))],
        m.Uid, m.Sequence, m.Version, m.CreatedAt, m.UpdatedAt);
}

public sealed record AttendeeView(AttendeeKind Kind, int? ContactId, string? StaffId, string Name, string Email,
    AttendeeResponse Response = AttendeeResponse.NeedsAction, DateTimeOffset? RespondedAt = null);

/// <summary>A meeting as pages and the API show it; <c>localStart</c> is its start on the desk's clock.</summary>
public sealed record MeetingView(
    long Id,
    string TicketNumber,
    string TicketSubject,
    int? CustomerId,
    string? CustomerName,
    MeetingKind Kind,
    string Title,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTime LocalStart,
    int DurationMinutes,
    string? VideoLink,
    string? Location,
    string Agenda,
    MeetingState State,
    string? CancelReason,
    string? OrganizerId,
    string OrganizerName,
    IReadOnlyList<AttendeeView> Attendees,
    string Uid,
    int Sequence,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record ContactChoice(int Id, string Name, string? Email, bool IsTicketContact);

public sealed record StaffChoice(string Id, string Name, string Email);

public sealed record MeetingChoices(IReadOnlyList<ContactChoice> Contacts, IReadOnlyList<string> Addresses, IReadOnlyList<StaffChoice> Staff);
