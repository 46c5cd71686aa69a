using Ayuda.Features.Customers;

namespace Ayuda.Features.Tickets;

public sealed record StaffRef(string Id, string Name);

public sealed record CustomerRef(int Id, string Name, string TaxId, AgreementBadge Agreement);

public sealed record ContactRef(int Id, string Name, string Position, IReadOnlyList<string> Emails, IReadOnlyList<ContactPhone> Phones);

/// <summary>A ticket as the ticket page and <c>GET /api/v1/tickets/{number}</c> show it.</summary>
public sealed record TicketView(
    string Number,
    string Subject,
    string Description,
    Channel Channel,
    TicketState State,
    Classification? Classification,
    TicketPriority Priority,
    string? From,
    DateTimeOffset ContactedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    CustomerRef? Customer,
    ContactRef? Contact,
    StaffRef? Assignee,
    string? IncidentNumber = null,
    string? Resolution = null,
    DateTimeOffset? ResolvedAt = null);

/// <summary>What the ticket page shows: the ticket, its history oldest first, its messages, and which panels have rows.</summary>
public sealed record TicketPageData(TicketView Ticket, IReadOnlyList<TimelineItem> Timeline, IReadOnlyList<MessageView> Messages, TicketPanels Panels);

/// <summary>
/// Whether the ticket has consultations, meetings, requirements, a feedback entry and call-backs: asked along with the
/// ticket, so the panels of a ticket with none of them (most tickets) do not each ask the database.
/// </summary>
public sealed record TicketPanels(bool Consultations, bool Meetings, bool Requirements, bool Feedback, bool CallBacks)
{
    /// <summary>Not known: every panel looks for itself.</summary>
    public static readonly TicketPanels Unknown = new(true, true, true, true, true);
}

/// <summary>A line of a queue.</summary>
public sealed record TicketRow(
    string Number,
    string Subject,
    Channel Channel,
    TicketState State,
    Classification? Classification,
    TicketPriority Priority,
    DateTimeOffset ContactedAt,
    CustomerRef? Customer,
    string? ContactName,
    string? From,
    StaffRef? Assignee);

/// <summary>One page of a queue; <see cref="Next"/> is the cursor for the following page, null at the end.</summary>
public sealed record TicketPage(IReadOnlyList<TicketRow> Items, string? Next);

public sealed record TimelineItem(long Id, DateTimeOffset At, string? ActorId, string ActorName, TimelineKind Kind,
    string? From, string? To, string? Text, bool Internal, long? MessageId = null);

/// <summary>
/// Queue filters; all optional. <see cref="AssigneeId"/> "none" means unassigned; <see cref="OpenOnly"/> leaves out Closed;
/// <see cref="Unclassified"/> keeps only tickets without a classification. The time windows (from inclusive, before
/// exclusive) are how the supervision dashboard's figures drill down to their tickets.
/// </summary>
public sealed record TicketFilter(
    TicketState? State = null,
    string? AssigneeId = null,
    int? CustomerId = null,
    Classification? Classification = null,
    TicketPriority? Priority = null,
    Channel? Channel = null,
    bool NewestFirst = false,
    bool OpenOnly = false,
    bool Unclassified = false,
    DateTimeOffset? ContactedFrom = null,
    DateTimeOffset? ContactedBefore = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedBefore = null,
    DateTimeOffset? ClosedFrom = null,
    DateTimeOffset? ClosedBefore = null);

/// <summary>A message on a ticket as the page and <c>GET /api/v1/tickets/{number}/messages</c> show it, with its delivery state.</summary>
public sealed record MessageView(
    long Id,
    MessageDirection Direction,
    Channel Channel,
    DateTimeOffset At,
    string From,
    string To,
    string Cc,
    string Subject,
    string Text,
    string QuotedText,
    string? Html,
    string? MessageId,
    IReadOnlyList<AttachmentView> Attachments,
    DeliveryView? Delivery);

public sealed record AttachmentView(long Id, string FileName, string ContentType, long Size, bool Inline);

/// <summary>How an outgoing message is doing; WhatsApp also reports when it reached the phone and when it was read.</summary>
public sealed record DeliveryView(long OutboxId, Notifications.OutboxState State, int Attempts, DateTimeOffset? SentAt, DateTimeOffset NextAttemptAt, string? LastError,
    DateTimeOffset? DeliveredAt = null, DateTimeOffset? ReadAt = null, string? Template = null);
