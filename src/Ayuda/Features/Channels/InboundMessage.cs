namespace Ayuda.Features.Channels;

/// <summary>
/// Every message a channel received, once: the unique (<see cref="Channel"/>, <see cref="ExternalId"/>) makes
/// redelivery harmless. Records what became of it (a ticket, ignored as a loop or bounce, quarantined) and why.
/// </summary>
public sealed class InboundMessage
{
    public long Id { get; private set; }
    public Tickets.Channel Channel { get; private set; }

    /// <summary>Message-ID for email (or a content hash when it has none); the provider's id for WhatsApp.</summary>
    public string ExternalId { get; private set; } = "";
    public string Source { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }
    public string From { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public InboundOutcome Outcome { get; private set; }
    public string? Reason { get; private set; }
    public long? TicketId { get; private set; }
    public Tickets.Ticket? Ticket { get; private set; }

    /// <summary>The raw message, kept for quarantined ones so nothing is lost and a person can look at it.</summary>
    public byte[]? Raw { get; private set; }

    /// <summary>For a message stored to be processed later (<see cref="InboundOutcome.Received"/>): tries so far and the next.</summary>
    public int Attempts { get; private set; }
    public DateTimeOffset? NextAttemptAt { get; private set; }

    private InboundMessage() { }

    public InboundMessage(Tickets.Channel channel, string externalId, string source, DateTimeOffset receivedAt, string from, string subject)
    {
        Channel = channel;
        ExternalId = externalId;
        Source = source;
        ReceivedAt = receivedAt;
        From = Clip(from, 320);
        Subject = Clip(subject, 300);
    }

    /// <summary>Stored as it came, to be made into a ticket by a worker (a WhatsApp webhook answers Meta at once).</summary>
    public static InboundMessage Received(Tickets.Channel channel, string externalId, string source, DateTimeOffset receivedAt, string from, string subject, byte[] raw, DateTimeOffset now) =>
        new(channel, externalId, source, receivedAt, from, subject) { Outcome = InboundOutcome.Received, Raw = raw, NextAttemptAt = now };

    /// <summary>Processing failed for a reason that may pass (Meta's media server down): try again later.</summary>
    public void AttemptFailed(string reason, DateTimeOffset now)
    {
        Attempts++;
        Reason = Clip(reason, 2000);
        NextAttemptAt = now + TimeSpan.FromSeconds(Math.Min(3600, 15 * Math.Pow(2, Attempts - 1)));
    }

    /// <summary>Processing waits for something outside this message (a channel's token): later, attempts untouched.</summary>
    public void Wait(string reason, DateTimeOffset next)
    {
        Reason = Clip(reason, 2000);
        NextAttemptAt = next;
    }

    /// <summary>It became (or joined) this ticket; the ticket may be new and still without an id.</summary>
    public void Imported(Tickets.Ticket ticket)
    {
        Outcome = InboundOutcome.Imported;
        Ticket = ticket;
        NextAttemptAt = null;
    }

    public void Ignored(string reason, long? ticketId = null)
    {
        NextAttemptAt = null;
        Outcome = InboundOutcome.Ignored;
        Reason = reason;
        TicketId = ticketId;
    }

    public void Quarantined(string reason, byte[] raw)
    {
        Outcome = InboundOutcome.Quarantined;
        Reason = Clip(reason, 2000);
        Raw = raw;
    }

    private static string Clip(string value, int max) => value.Length > max ? value[..max] : value;
}

public enum InboundOutcome
{
    Imported,
    /// <summary>Recorded but opened nothing: an auto-reply, a bounce (marked on its outgoing message), a loop.</summary>
    Ignored,
    /// <summary>Could not be imported; kept whole with the reason, for Administration.</summary>
    Quarantined,
    /// <summary>Stored, waiting to be processed (see <see cref="InboundMessage.NextAttemptAt"/>).</summary>
    Received,
}
