namespace Ayuda.Features.Notifications;

/// <summary>
/// Something to send, written in the same transaction as the change that causes it. The dispatcher claims it with a
/// lease, sends it, and records the outcome; failures are retried with growing delays until <see cref="OutboxState.Failed"/>.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; private set; }
    public OutboxKind Kind { get; private set; }
    public long? TicketId { get; private set; }
    public Tickets.Ticket? Ticket { get; private set; }
    public string From { get; private set; } = "";
    public string To { get; private set; } = "";
    public string Cc { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Text { get; private set; } = "";
    public string MessageId { get; private set; } = "";
    public string? InReplyTo { get; private set; }
    public string? References { get; private set; }
    public OutboxState State { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }
    public string? LeaseOwner { get; private set; }
    public DateTimeOffset? LeaseUntil { get; private set; }

    private OutboxMessage() { }

    public OutboxMessage(OutboxKind kind, Tickets.Ticket? ticket, string from, string to, string cc, string subject, string text,
        string messageId, string? inReplyTo, string? references, DateTimeOffset now)
    {
        Kind = kind;
        Ticket = ticket;
        From = from;
        To = to;
        Cc = cc;
        Subject = subject;
        Text = text;
        MessageId = messageId;
        InReplyTo = inReplyTo;
        References = references;
        State = OutboxState.Queued;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    public void Sent(DateTimeOffset now)
    {
        State = OutboxState.Sent;
        SentAt = now;
        Attempts++;
        LastError = null;
        LeaseOwner = null;
        LeaseUntil = null;
    }

    /// <summary>A failed attempt: retried after a growing delay, or failed for good when permanent or out of attempts.</summary>
    public void AttemptFailed(string error, bool permanent, int maxAttempts, DateTimeOffset now)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        LeaseOwner = null;
        LeaseUntil = null;
        if (permanent || Attempts >= maxAttempts)
        {
            State = OutboxState.Failed;
            return;
        }
        // 30 s, 1 min, 2 min, 4 min … at most an hour between attempts.
        var delay = TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Attempts - 1)));
        NextAttemptAt = now + delay;
    }

    /// <summary>A bounce arrived for this message after it was handed to the server.</summary>
    public void Bounced(string reason)
    {
        State = OutboxState.Failed;
        LastError = reason.Length > 2000 ? reason[..2000] : reason;
    }

    /// <summary>Send a failed message again (a person decided to).</summary>
    public void Retry(DateTimeOffset now)
    {
        State = OutboxState.Queued;
        NextAttemptAt = now;
        LastError = null;
    }
}

public enum OutboxKind
{
    Reply,
    Acknowledgement,
}

public enum OutboxState
{
    Queued,
    Sent,
    Failed,
}
