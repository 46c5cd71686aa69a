using System.Globalization;
using Ayuda.Data;
using Ayuda.Features.Channels.Email;
using Ayuda.Features.Notifications;
using Ayuda.Features.Templates;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Meetings;

/// <summary>
/// The invitation of a meeting: an RFC 5545 calendar (METHOD REQUEST or CANCEL, times in the desk's zone with its
/// VTIMEZONE) inside an email in the customer's language, written on the ticket and into the outbox by the caller's
/// transaction. Staff attendees get the same email: one invitation, one copy on the ticket.
/// </summary>
public sealed class MeetingInvitations(EmailComposer email, TemplateEngine templates, IOptionsMonitor<EmailOptions> emailOptions, DeskClock desk, IStringLocalizer<Strings> l)
{
    public const string Request = "REQUEST";
    public const string Cancel = "CANCEL";

    /// <summary>Writes the email with its calendar to <paramref name="to"/> (the people it concerns) on the ticket.</summary>
    internal async Task ComposeAsync(AyudaDb db, Ticket ticket, Meeting meeting, MeetingMail mail, IReadOnlyList<MeetingAttendee> to,
        Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var language = await CustomerRecipient.LanguageAsync(db, ticket, ct);
        var (subject, text) = await templates.RenderCurrentAsync(db, TemplateKind.MeetingInvitation, language,
            await ModelAsync(db, ticket, meeting, mail, language, actor.Name, ct), ct);
        var description = ReaderCulture.In(language, () => Description(meeting, mail));
        var method = mail is MeetingMail.Cancellation or MeetingMail.Withdrawn ? Cancel : Request;
        var calendar = Calendar(meeting, method, StatusOf(mail), to, description, now);
        if (ticket.State == TicketState.Closed)
        {
            // A closed ticket takes no more messages, but a cancellation must still reach the calendars.
            var desk = emailOptions.CurrentValue;
            var outbox = new OutboxMessage(OutboxKind.MeetingInvitation, null, desk.FromHeader, string.Join(", ", to.Select(a => a.Email)), "",
                $"{EmailComposer.SubjectToken(ticket.Number)} {subject}", text, email.NewMessageId(ticket.Number), null, null, now);
            outbox.AttachCalendar(calendar);
            db.Outbox.Add(outbox);
            return;
        }
        var message = await email.ComposeAsync(db, ticket, OutboxKind.MeetingInvitation, [.. to.Select(a => a.Email)], [], subject, text, actor, now, ct);
        message.Outbox!.AttachCalendar(calendar);
    }

    /// <summary>RFC 5546: CONFIRMED on requests, CANCELLED when the whole meeting is off, none when only some people are taken off.</summary>
    private static string? StatusOf(MeetingMail mail) => mail switch
    {
        MeetingMail.Cancellation => "CANCELLED",
        MeetingMail.Withdrawn => null,
        _ => "CONFIRMED",
    };

    /// <summary>The meeting as it stands, for a download: the last invitation (or the cancellation) with every attendee.</summary>
    public string Current(Meeting meeting, string language) =>
        Calendar(meeting, meeting.IsCancelled ? Cancel : Request, meeting.IsCancelled ? "CANCELLED" : "CONFIRMED", meeting.Attendees,
            ReaderCulture.In(language, () => Description(meeting, meeting.IsCancelled ? MeetingMail.Cancellation : MeetingMail.Invitation)), desk.UtcNow);

    private string Calendar(Meeting meeting, string method, string? status, IEnumerable<MeetingAttendee> attendees, string description, DateTimeOffset now)
    {
        var zone = desk.TimeZone.Id;
        var options = emailOptions.CurrentValue;
        var calendar = new Ical.Net.Calendar { Method = method, ProductId = "-//Ayuda//Mesa de ayuda//ES" };
        var local = desk.Local(meeting.Start);
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone, local.AddYears(-1), includeHistoricalData: false));
        var calendarEvent = new CalendarEvent
        {
            Uid = meeting.Uid,
            Sequence = meeting.Sequence,
            DtStamp = new CalDateTime(now.UtcDateTime, true),
            DtStart = new CalDateTime(local, zone, true),
            DtEnd = new CalDateTime(desk.Local(meeting.End), zone, true),
            Summary = meeting.Title,
            Description = description,
            Location = meeting.VideoLink ?? meeting.Location,
            Status = status,
            Organizer = new Organizer($"mailto:{options.DeskAddress}") { CommonName = options.DeskName },
        };
        if (meeting.VideoLink is { } link && Uri.TryCreate(link, UriKind.Absolute, out var url))
        {
            calendarEvent.Url = url;
        }
        foreach (var attendee in attendees)
        {
            calendarEvent.Attendees.Add(new Attendee($"mailto:{attendee.Email}")
            {
                CommonName = string.IsNullOrWhiteSpace(attendee.Name) ? null : attendee.Name,
                Role = "REQ-PARTICIPANT",
                ParticipationStatus = "NEEDS-ACTION",
                Rsvp = true,
            });
        }
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>The fields of the invitation template: the common ones plus the meeting, in the reader's language.</summary>
    public async Task<Dictionary<string, object?>> ModelAsync(AyudaDb db, Ticket ticket, Meeting meeting, MeetingMail mail, string language,
        string consultantName, CancellationToken ct)
    {
        var model = await TemplateModels.CommonAsync(db, ticket, language, consultantName, desk, emailOptions.CurrentValue, l, ct);
        model["meeting"] = ReaderCulture.In(language, () => Fields(meeting, mail, ReaderCulture.Of(language)));
        return model;
    }

    private Dictionary<string, object?> Fields(Meeting meeting, MeetingMail mail, CultureInfo culture) => new()
    {
        // Stable words, not translated, so one template can tell the four emails apart with {% case meeting.change %}.
        ["change"] = mail switch
        {
            MeetingMail.Invitation => "invitation",
            MeetingMail.Update => "update",
            MeetingMail.Withdrawn => "withdrawn",
            _ => "cancellation",
        },
        ["kind"] = l[$"MeetingKind.{meeting.Kind}"].Value.ToLower(culture),
        ["title"] = meeting.Title,
        ["when"] = When(meeting, culture),
        ["zone"] = Zone,
        ["duration"] = l["Meetings.MailDuration", meeting.DurationMinutes].Value,
        ["place"] = (meeting.Kind == MeetingKind.VideoCall ? meeting.VideoLink : meeting.Location) ?? "",
        ["agenda"] = meeting.Agenda ?? "",
        ["reason"] = mail == MeetingMail.Cancellation ? meeting.CancelReason ?? "" : "",
    };

    /// <summary>The event's description in the calendar: what it is about, where, and which case.</summary>
    private string Description(Meeting meeting, MeetingMail mail)
    {
        var place = meeting.Kind == MeetingKind.VideoCall ? l["Meetings.MailLink", meeting.VideoLink ?? ""] : l["Meetings.MailAddress", meeting.Location ?? ""];
        var reason = mail == MeetingMail.Cancellation && meeting.CancelReason is { } why ? l["Meetings.MailReason", why].Value : "";
        return string.Join("\n", new[] { meeting.Agenda, place, l["Meetings.MailCase", meeting.TicketNumber].Value, reason }.Where(s => !string.IsNullOrWhiteSpace(s)));
    }

    private string When(Meeting meeting, CultureInfo culture) => desk.Local(meeting.Start).ToString(l["Meetings.MailDateFormat"], culture);

    private string Zone => desk.TimeZone.Id[(desk.TimeZone.Id.LastIndexOf('/') + 1)..].Replace('_', ' ');
}

/// <summary>Which email of a meeting: the first invitation, an update (new time, place or people), the cancellation.</summary>
public enum MeetingMail
{
    Invitation,
    Update,
    Cancellation,
    /// <summary>To someone taken off the attendees when it was rescheduled: the meeting leaves their calendar.</summary>
    Withdrawn,
}
