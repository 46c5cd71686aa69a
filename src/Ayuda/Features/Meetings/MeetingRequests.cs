using System.Globalization;
using Ayuda.Data;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Meetings;

/// <summary>Who to invite: the ticket's customer's contacts, staff members, and addresses typed by hand.</summary>
public sealed record AttendeesInput(IReadOnlyList<int>? ContactIds = null, IReadOnlyList<string>? StaffIds = null, IReadOnlyList<string>? Emails = null);

/// <summary>
/// Schedule a meeting. <c>start</c> is ISO 8601: with an offset (or Z) it is that instant; without one it is the
/// desk's wall-clock time (<c>2026-03-10T10:30</c> is 10:30 in Buenos Aires). A video call without a link gets one
/// from the configured pattern; a visit needs its location.
/// </summary>
public sealed record ScheduleRequest(
    MeetingKind? Kind,
    string? Start,
    int? DurationMinutes,
    AttendeesInput? Attendees,
    string? Title = null,
    string? Agenda = null,
    string? Link = null,
    string? Location = null);

/// <summary>Move a meeting: what is given replaces what it had (null keeps it); <c>version</c> guards against a stale read.</summary>
public sealed record RescheduleRequest(
    string? Start = null,
    int? DurationMinutes = null,
    AttendeesInput? Attendees = null,
    string? Title = null,
    string? Agenda = null,
    string? Link = null,
    string? Location = null,
    int? Version = null);

public sealed record CancelRequest(string? Reason, int? Version = null);

/// <summary>Turns what was typed or posted into a <see cref="MeetingPlan"/>, naming every field that is wrong.</summary>
public sealed class MeetingPlanner(DeskClock desk, IStringLocalizer<Strings> l)
{
    public sealed record Draft(MeetingKind? Kind, string? Start, int? DurationMinutes, string? Title, string? Agenda, string? Link, string? Location, AttendeesInput? Attendees);

    /// <remarks><c>unchangedStart</c>: when rescheduling, the meeting's start; keeping it is allowed even once it has passed (a started meeting's link or people may change).</remarks>
    public async Task<(MeetingPlan? Plan, Dictionary<string, string[]> Errors)> PlanAsync(AyudaDb db, int? customerId, Draft draft, DateTimeOffset? unchangedStart,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = draft.Kind is { } k && Enum.IsDefined(k) ? k : (MeetingKind?)null;
        if (kind is null)
        {
            errors["kind"] = [l["Meetings.KindRequired"]];
        }
        var start = ParseLocalOrOffset(draft.Start, desk);
        if (start is null)
        {
            errors["start"] = [l["Meetings.StartRequired"]];
        }
        else if (start <= desk.UtcNow && start != unchangedStart)
        {
            errors["start"] = [l["Meetings.StartInPast"]];
        }
        if (draft.DurationMinutes is not (>= Meeting.MinDuration and <= Meeting.MaxDuration))
        {
            errors["durationMinutes"] = [l["Meetings.DurationRange", Meeting.MinDuration, Meeting.MaxDuration]];
        }
        if (string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Trim().Length > Meeting.MaxTitleLength)
        {
            errors["title"] = [l["Meetings.TitleRequired", Meeting.MaxTitleLength]];
        }
        if ((draft.Agenda?.Trim().Length ?? 0) > Meeting.MaxAgendaLength)
        {
            errors["agenda"] = [l["Meetings.TooLong", Meeting.MaxAgendaLength]];
        }
        if (kind == MeetingKind.VideoCall && !IsWebLink(draft.Link))
        {
            errors["link"] = [l["Meetings.LinkInvalid"]];
        }
        if (kind == MeetingKind.Visit && string.IsNullOrWhiteSpace(draft.Location))
        {
            errors["location"] = [l["Meetings.LocationRequired"]];
        }
        else if ((draft.Location?.Trim().Length ?? 0) > Meeting.MaxPlaceLength)
        {
            errors["location"] = [l["Meetings.TooLong", Meeting.MaxPlaceLength]];
        }
        var attendees = await AttendeesAsync(db, customerId, draft.Attendees, errors, ct);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new MeetingPlan(kind!.Value, draft.Title!.Trim(), start!.Value, draft.DurationMinutes!.Value, draft.Link?.Trim(), draft.Location?.Trim(),
            draft.Agenda?.Trim(), attendees), errors);
    }

    /// <summary>ISO 8601 with an offset is that instant; without one, the desk's wall-clock time. Null when unreadable.</summary>
    public static DateTimeOffset? ParseLocalOrOffset(string? text, DeskClock desk)
    {
        if (string.IsNullOrWhiteSpace(text)
            || !DateTime.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return null;
        }
        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            return desk.FromLocal(parsed);
        }
        return DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var instant) ? instant.ToUniversalTime() : null;
    }

    private static bool IsWebLink(string? link) =>
        !string.IsNullOrWhiteSpace(link) && link.Trim().Length <= Meeting.MaxPlaceLength
        && Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";

    private async Task<List<AttendeeDraft>> AttendeesAsync(AyudaDb db, int? customerId, AttendeesInput? input, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var found = new List<AttendeeDraft>();
        var problems = new List<string>();
        var contactIds = (input?.ContactIds ?? []).Distinct().Take(Meeting.MaxAttendees + 1).ToList();
        if (contactIds.Count > 0)
        {
            var contacts = await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id) && c.CustomerId == customerId)
                .Select(c => new { c.Id, c.Name, Email = c.Emails.Select(e => e.Address).FirstOrDefault() }).ToListAsync(ct);
            foreach (var id in contactIds)
            {
                var contact = contacts.FirstOrDefault(c => c.Id == id);
                if (contact is null)
                {
                    problems.Add(l["Meetings.ContactUnknown", id]);
                }
                else if (contact.Email is null)
                {
                    problems.Add(l["Meetings.ContactWithoutEmail", contact.Name]);
                }
                else
                {
                    found.Add(new AttendeeDraft(AttendeeKind.Contact, contact.Id, null, contact.Name, contact.Email));
                }
            }
        }
        var staffIds = (input?.StaffIds ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct().Take(Meeting.MaxAttendees + 1).ToList();
        if (staffIds.Count > 0)
        {
            var staff = await db.Users.AsNoTracking().Where(u => staffIds.Contains(u.Id) && u.IsActive && u.Email != null)
                .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
            problems.AddRange(staffIds.Where(id => staff.All(s => s.Id != id)).Select(id => l["Meetings.StaffUnknown", id].Value));
            found.AddRange(staff.Select(s => new AttendeeDraft(AttendeeKind.Staff, null, s.Id, s.DisplayName, s.Email!)));
        }
        foreach (var email in (input?.Emails ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Take(Meeting.MaxAttendees + 1))
        {
            if (EmailAddresses.IsValid(email))
            {
                found.Add(new AttendeeDraft(AttendeeKind.Email, null, null, "", email));
            }
            else
            {
                problems.Add(l["Meetings.EmailInvalid", email]);
            }
        }
        found = [.. found.DistinctBy(a => a.Email.ToLowerInvariant())];
        if (problems.Count == 0 && found.Count == 0)
        {
            problems.Add(l["Meetings.AttendeeRequired"]);
        }
        if (found.Count > Meeting.MaxAttendees)
        {
            problems.Add(l["Meetings.TooManyAttendees", Meeting.MaxAttendees]);
        }
        if (problems.Count > 0)
        {
            errors["attendees"] = [.. problems];
        }
        return found;
    }
}
