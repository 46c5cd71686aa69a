using Ayuda.Data;
using Ayuda.Features.Channels.Email;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Meetings;

/// <summary>
/// Attendees' answers to our invitations (Accept, Decline, Tentative from their calendar) arrive at the desk's mailbox:
/// they are recorded on the meeting and its ticket's timeline instead of becoming messages.
/// </summary>
public static class MeetingReplies
{
    /// <summary>
    /// When <paramref name="reply"/> answers one of our meetings, records it (if it comes from the attendee's own address
    /// and answers the current SEQUENCE) in <paramref name="db"/> and returns the meeting; null when it is not ours.
    /// </summary>
    public static async Task<Meeting?> RecordAsync(AyudaDb db, CalendarReply reply, string fromAddress, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Uid == reply.Uid, ct);
        if (meeting is null)
        {
            return null;
        }
        var response = reply.Response switch
        {
            "ACCEPTED" => AttendeeResponse.Accepted,
            "DECLINED" => AttendeeResponse.Declined,
            "TENTATIVE" => AttendeeResponse.Tentative,
            _ => (AttendeeResponse?)null,
        };
        // Only the attendee answers for themselves; an older answer (before a reschedule) no longer counts.
        if (response is { } answer && string.Equals(reply.Attendee, fromAddress, StringComparison.OrdinalIgnoreCase)
            && meeting.RecordReply(reply.Attendee, answer, reply.Sequence, now) is { } attendee)
        {
            var ticket = await db.Tickets.FirstAsync(t => t.Id == meeting.TicketId, ct);
            ticket.RecordMeetingReply(meeting.Id, meeting.Title, string.IsNullOrEmpty(attendee.Name) ? attendee.Email : attendee.Name,
                Tickets.Ticket.Code(answer), actor, now);
        }
        return meeting;
    }
}
