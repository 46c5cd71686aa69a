namespace Ayuda.Features.Closing;

/// <summary>
/// The closing notification as it will be sent: the default recipients (the ticket's contact in To; in CC the staff
/// proposed — the consultant and the head of implementation), who else may be copied, and the rendered subject and body.
/// </summary>
public sealed record ClosingDraft(
    IReadOnlyList<ClosingRecipient> To,
    IReadOnlyList<ClosingRecipient> OtherContacts,
    IReadOnlyList<ClosingStaff> Staff,
    IReadOnlyList<string> DefaultStaffIds,
    string Subject,
    string Body,
    string Language,
    bool AlsoWhatsApp);

public sealed record ClosingRecipient(string Name, string Address);

public sealed record ClosingStaff(string Id, string Name, string Email);

/// <summary>
/// Resolve and notify: the resolution (required), the recipients (To: at least one address; CC: other addresses and
/// staff by id), and optionally the subject and body as edited after the preview (otherwise the template's).
/// </summary>
public sealed record ResolveRequest(
    string? Resolution,
    IReadOnlyList<string>? To = null,
    IReadOnlyList<string>? Cc = null,
    IReadOnlyList<string>? CcStaffIds = null,
    string? Subject = null,
    string? Body = null);

/// <summary>One closing notification sent (or being sent) from a ticket, with its delivery state.</summary>
public sealed record ClosingNotificationView(long OutboxId, Tickets.Channel Channel, string To, string Cc, string Subject, DateTimeOffset CreatedAt,
    Notifications.OutboxState State, int Attempts, DateTimeOffset? SentAt, string? LastError);
