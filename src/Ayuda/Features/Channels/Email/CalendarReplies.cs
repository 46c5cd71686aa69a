using MimeKit;

namespace Ayuda.Features.Channels.Email;

/// <summary>Recognises an attendee's answer to a meeting invitation inside a message (a <c>text/calendar</c> part with METHOD:REPLY).</summary>
public static class CalendarReplies
{
    private const int MaxCalendarLength = 200_000;

    public static CalendarReply? Find(MimeMessage message)
    {
        foreach (var part in message.BodyParts.OfType<MimePart>().Where(IsCalendar).Take(3))
        {
            if (Read(part) is { } reply)
            {
                return reply;
            }
        }
        return null;
    }

    private static bool IsCalendar(MimePart part) =>
        part.ContentType.IsMimeType("text", "calendar") || part.ContentType.IsMimeType("application", "ics")
        || (part.FileName?.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) ?? false);

    private static CalendarReply? Read(MimePart part)
    {
        try
        {
            string text;
            if (part is TextPart textPart)
            {
                text = textPart.Text;
            }
            else
            {
                using var buffer = new MemoryStream();
                part.Content?.DecodeTo(buffer);
                text = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            }
            if (text.Length > MaxCalendarLength || !text.Contains("REPLY", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
            var calendar = Ical.Net.Calendar.Load(text);
            if (!string.Equals(calendar?.Method, "REPLY", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
            var answer = calendar!.Events.FirstOrDefault();
            var attendee = answer?.Attendees.FirstOrDefault();
            if (answer?.Uid is not { Length: > 0 } uid || attendee?.Value is null || string.IsNullOrWhiteSpace(attendee.ParticipationStatus))
            {
                return null;
            }
            var address = attendee.Value.ToString();
            address = address.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? address[7..] : address;
            return new CalendarReply(uid, address.Trim().ToLowerInvariant(), attendee.ParticipationStatus.ToUpperInvariant(), answer.Sequence);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A calendar we cannot read is just an attachment: the message imports as any other.
            return null;
        }
    }
}
