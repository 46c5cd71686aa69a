using Ayuda.Features.Tickets;

namespace Ayuda.Features.Intake;

/// <summary>
/// An <c>Idempotency-Key</c> a caller sent with a contact, kept with the ticket it opened in the same transaction: the
/// same key again from the same caller (a retry after a timeout, a host that died before answering, a double click)
/// answers with that ticket instead of opening a second one. Keys are per caller, so two integrations cannot collide.
/// </summary>
public sealed class IntakeKey
{
    public const int MaxLength = 100;

    private IntakeKey() { }

    public IntakeKey(string callerId, string key, Ticket ticket, DateTimeOffset now)
    {
        CallerId = callerId;
        Key = key;
        Ticket = ticket;
        CreatedAt = now;
    }

    public string CallerId { get; private set; } = "";
    public string Key { get; private set; } = "";
    public long TicketId { get; private set; }
    public Ticket? Ticket { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Printable ASCII without spaces (a UUID, a call id, a message id), 1 to <see cref="MaxLength"/> characters.</summary>
    public static bool IsWellFormed(string key) => key.Length is > 0 and <= MaxLength && key.All(c => c is >= '!' and <= '~');
}
