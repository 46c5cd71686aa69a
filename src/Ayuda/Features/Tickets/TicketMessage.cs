namespace Ayuda.Features.Tickets;

/// <summary>
/// A message to or from the customer on a ticket (email today; WhatsApp later). Its ids make replies find their
/// ticket: <see cref="MessageId"/> for In-Reply-To/References, <see cref="ThreadKey"/> for Outlook's Thread-Index.
/// </summary>
public sealed class TicketMessage
{
    public long Id { get; private set; }
    public long TicketId { get; private set; }
    public MessageDirection Direction { get; private set; }
    public Channel Channel { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>The RFC 5322 Message-ID without angle brackets; unique when present.</summary>
    public string? MessageId { get; private set; }
    public string? InReplyTo { get; private set; }
    public string? References { get; private set; }

    /// <summary>The conversation part of Outlook's Thread-Index (its first 22 bytes, base64).</summary>
    public string? ThreadKey { get; private set; }
    public string From { get; private set; } = "";
    public string To { get; private set; } = "";
    public string Cc { get; private set; } = "";
    public string Subject { get; private set; } = "";

    /// <summary>The text as the customer wrote it (for HTML mail, its text rendering); the quoted history is in <see cref="QuotedText"/>.</summary>
    public string Text { get; private set; } = "";
    public string QuotedText { get; private set; } = "";

    /// <summary>Sanitised HTML (never raw): safe to show to staff.</summary>
    public string? Html { get; private set; }

    /// <summary>Who wrote it on our side (outgoing), null for inbound.</summary>
    public string? AuthorId { get; private set; }
    public long? OutboxMessageId { get; private set; }
    public Notifications.OutboxMessage? Outbox { get; private set; }
    public List<Attachment> Attachments { get; private set; } = [];

    private TicketMessage() { }

    public static TicketMessage Inbound(Channel channel, DateTimeOffset at, string? messageId, string? inReplyTo, string? references,
        string? threadKey, string from, string to, string cc, string subject, string text, string quotedText, string? html) => new()
    {
        Direction = MessageDirection.In, Channel = channel, At = at, MessageId = messageId, InReplyTo = inReplyTo,
        References = references, ThreadKey = threadKey, From = from, To = to, Cc = cc, Subject = subject, Text = text,
        QuotedText = quotedText, Html = html,
    };

    public static TicketMessage Outbound(Channel channel, DateTimeOffset at, string messageId, string? inReplyTo, string? references,
        string from, string to, string cc, string subject, string text, string? authorId) => new()
    {
        Direction = MessageDirection.Out, Channel = channel, At = at, MessageId = messageId, InReplyTo = inReplyTo,
        References = references, From = from, To = to, Cc = cc, Subject = subject, Text = text, AuthorId = authorId,
    };

    /// <summary>The outbox row that delivers this message; saved together, so the message never exists without its delivery.</summary>
    public void DeliverThrough(Notifications.OutboxMessage outbox) => Outbox = outbox;
}

public enum MessageDirection
{
    In,
    Out,
}

/// <summary>A file that came with a message. The bytes live in <see cref="AttachmentContent"/> so listings stay light.</summary>
public sealed class Attachment
{
    public long Id { get; private set; }
    public long TicketMessageId { get; private set; }
    public string FileName { get; private set; } = "";

    /// <summary>Sniffed from the bytes where the type is recognisable, else the declared one.</summary>
    public string ContentType { get; private set; } = "application/octet-stream";
    public long Size { get; private set; }
    public string? ContentId { get; private set; }
    public bool Inline { get; private set; }
    public AttachmentContent? Content { get; private set; }

    private Attachment() { }

    public Attachment(string fileName, string contentType, byte[] bytes, string? contentId, bool inline)
    {
        FileName = fileName;
        ContentType = contentType;
        Size = bytes.LongLength;
        ContentId = contentId;
        Inline = inline;
        Content = new AttachmentContent(bytes);
    }
}

public sealed class AttachmentContent(byte[] bytes)
{
    public long Id { get; private set; }
    public byte[] Bytes { get; private set; } = bytes;
}
