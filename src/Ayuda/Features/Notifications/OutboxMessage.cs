namespace Ayuda.Features.Notifications;

/// <summary>
/// Something to send, written in the same transaction as the change that causes it. The dispatcher claims it with a
/// lease, sends it, and records the outcome; failures are retried with growing delays until <see cref="OutboxState.Failed"/>.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; private set; }
    public OutboxKind Kind { get; private set; }

    /// <summary>How it goes out: email over SMTP, or WhatsApp through the Cloud API.</summary>
    public Tickets.Channel Channel { get; private set; } = Tickets.Channel.Email;

    /// <summary>
    /// For WhatsApp: what to send (free text or an approved template with its parameters), as JSON. For an email: the
    /// iCalendar invitation it carries, if any (see <see cref="AttachCalendar"/>).
    /// </summary>
    public string? Payload { get; private set; }

    /// <summary>The provider's id for the sent message (WhatsApp's wamid), which its status reports name.</summary>
    public string? ProviderMessageId { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }
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

    /// <summary>A WhatsApp message: <paramref name="from"/> is the business phone-number id, <paramref name="to"/> the customer's wa_id.</summary>
    public static OutboxMessage WhatsApp(OutboxKind kind, Tickets.Ticket? ticket, string from, string to, string text, string payload, string localId, DateTimeOffset now) =>
        new(kind, ticket, from, to, "", "", text, localId, null, null, now) { Channel = Tickets.Channel.WhatsApp, Payload = payload };

    /// <summary>An email that carries a calendar invitation (RFC 5545 text with its METHOD): sent inline and as <c>invite.ics</c>.</summary>
    public void AttachCalendar(string ics)
    {
        if (Channel != Tickets.Channel.Email || !ics.StartsWith("BEGIN:VCALENDAR", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Only an email can carry an iCalendar invitation.");
        }
        Payload = ics;
    }

    /// <summary>The iCalendar text of an invitation email, or null.</summary>
    public string? Calendar => Channel == Tickets.Channel.Email && Payload is { } ics && ics.StartsWith("BEGIN:VCALENDAR", StringComparison.Ordinal) ? ics : null;

    public void Sent(DateTimeOffset now, string? providerMessageId = null)
    {
        State = OutboxState.Sent;
        SentAt = now;
        ProviderMessageId = providerMessageId ?? ProviderMessageId;
        Attempts++;
        LastError = null;
        LeaseOwner = null;
        LeaseUntil = null;
    }

    /// <summary>The provider reports the message reached the customer's phone. Reports may come out of order.</summary>
    public void Delivered(DateTimeOffset at)
    {
        DeliveredAt ??= at;
        if (State == OutboxState.Queued)
        {
            Sent(at);
        }
    }

    /// <summary>The customer read it (which also means it was delivered).</summary>
    public void Read(DateTimeOffset at)
    {
        Delivered(at);
        ReadAt ??= at;
    }

    /// <summary>The provider accepted the message but later reports it could not be delivered.</summary>
    public void FailedAfterSending(string reason)
    {
        State = OutboxState.Failed;
        LastError = reason.Length > 2000 ? reason[..2000] : reason;
    }

    /// <summary>A failed attempt: retried after a growing delay, or failed for good when permanent or out of attempts.</summary>
    public void AttemptFailed(string error, bool permanent, int maxAttempts, DateTimeOffset now) =>
        AttemptFailed(error, permanent, maxAttempts, now, TimeSpan.FromSeconds(30));

    /// <summary>As above, with the first delay given (it doubles each attempt, at most an hour).</summary>
    public void AttemptFailed(string error, bool permanent, int maxAttempts, DateTimeOffset now, TimeSpan firstDelay)
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
        var delay = TimeSpan.FromSeconds(Math.Min(3600, firstDelay.TotalSeconds * Math.Pow(2, Attempts - 1)));
        NextAttemptAt = now + delay;
    }

    /// <summary>A bounce arrived for this message after it was handed to the server.</summary>
    public void Bounced(string reason)
    {
        State = OutboxState.Failed;
        LastError = reason.Length > 2000 ? reason[..2000] : reason;
    }

    /// <summary>The channel cannot send anything now (not this message's fault): try again at <paramref name="next"/>, attempts untouched.</summary>
    public void Wait(string reason, DateTimeOffset next)
    {
        LastError = reason.Length > 2000 ? reason[..2000] : reason;
        LeaseOwner = null;
        LeaseUntil = null;
        NextAttemptAt = next;
    }

    /// <summary>Try a waiting message now (its channel's settings were just fixed).</summary>
    public void Wake(DateTimeOffset now)
    {
        if (State == OutboxState.Queued && NextAttemptAt > now)
        {
            NextAttemptAt = now;
        }
    }

    /// <summary>Not to be sent any more (what it announced no longer holds): failed with the reason, never tried.</summary>
    public void Withdraw(string reason)
    {
        State = OutboxState.Failed;
        LastError = reason.Length > 2000 ? reason[..2000] : reason;
        LeaseOwner = null;
        LeaseUntil = null;
    }

    /// <summary>Send a failed message again (a person decided to).</summary>
    public void Retry(DateTimeOffset now)
    {
        State = OutboxState.Queued;
        NextAttemptAt = now;
        LastError = null;
    }
}

/// <summary>What a message to a customer is for; WhatsApp templates are chosen by it.</summary>
public enum OutboxKind
{
    Reply,
    Acknowledgement,
    Closing,
    IncidentUpdate,
    Regularisation,
    MeetingInvitation,
    VersionUpdate,
    /// <summary>To staff: someone asked for their help on a ticket (internal consultation).</summary>
    Consultation,
    /// <summary>To the customer: their suggestion or complaint was recorded.</summary>
    FeedbackAcknowledgement,
    /// <summary>To the Project Manager: a gathered requirement was handed over.</summary>
    Requirement,
    /// <summary>To the consultant on call: a new Pending ticket (or one assigned to them by the rotation).</summary>
    OnCall,
}

public enum OutboxState
{
    Queued,
    Sent,
    Failed,
}
