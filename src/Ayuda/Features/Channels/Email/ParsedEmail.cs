namespace Ayuda.Features.Channels.Email;

/// <summary>What the importer needs from a raw message, decoded, sanitised and bounded.</summary>
public sealed record ParsedEmail(
    string ExternalId,
    string? MessageId,
    string FromAddress,
    string FromName,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    string Subject,
    DateTimeOffset? Date,
    string? InReplyTo,
    IReadOnlyList<string> References,
    string? ThreadKey,
    string Text,
    string QuotedText,
    string? Html,
    IReadOnlyList<ParsedAttachment> Attachments,
    string? AutomaticReason,
    Bounce? Bounce,
    CalendarReply? CalendarReply = null);

public sealed record ParsedAttachment(string FileName, string ContentType, byte[] Bytes, string? ContentId, bool Inline);

/// <summary>A delivery status notification: which of our messages failed, for whom, and why.</summary>
public sealed record Bounce(string? OriginalMessageId, string Recipient, string Reason);

/// <summary>
/// An attendee's answer to one of our invitations (iMIP, RFC 6047: <c>text/calendar; method=REPLY</c>): the event's UID,
/// who answered, what (ACCEPTED, DECLINED, TENTATIVE) and to which SEQUENCE.
/// </summary>
public sealed record CalendarReply(string Uid, string Attendee, string Response, int Sequence);
