using Ayuda.Data;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;

namespace Ayuda.Features.Feedback;

/// <summary>
/// One line of the suggestions and complaints register: what the customer said, how they were told it was recorded,
/// and what the head of implementation did about it. A quality record: never deleted; a complaint closes only with
/// its outcome, and closed is final.
/// </summary>
public sealed class FeedbackEntry : IQualityRecord
{
    public const int MaxDescriptionLength = 8_000;
    public const int MaxOutcomeLength = 8_000;
    public const int MaxNoteLength = 500;

    public long Id { get; private set; }

    /// <summary><c>SR-YYYY-NNNN</c>: year of recording and a per-year sequence.</summary>
    public string Number { get; private set; } = "";
    public FeedbackKind Kind { get; private set; }
    public FeedbackCategory Category { get; private set; }
    public int CustomerId { get; private set; }
    public int? ContactId { get; private set; }
    public string Description { get; private set; } = "";

    /// <summary>When the customer said it (the ticket's contact date, or the day it was told in person).</summary>
    public DateOnly ReceivedOn { get; private set; }
    public long? TicketId { get; private set; }
    public string? TicketNumber { get; private set; }
    public string? RecordedById { get; private set; }
    public string RecordedByName { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public AcknowledgementState Acknowledgement { get; private set; }

    /// <summary>How the acknowledgement went (email or WhatsApp) and to whom; or, when impossible, why.</summary>
    public Channel? AcknowledgedVia { get; private set; }
    public string? AcknowledgedTo { get; private set; }
    public string? AcknowledgementNote { get; private set; }

    public FeedbackState State { get; private set; }

    /// <summary>What was done about it, as the head of implementation recorded it.</summary>
    public string? Outcome { get; private set; }
    public string? ReviewedById { get; private set; }
    public string? ReviewedByName { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string? ClosedById { get; private set; }
    public string? ClosedByName { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public int Version { get; private set; }

    private FeedbackEntry() { }

    public FeedbackEntry(string number, FeedbackKind kind, FeedbackCategory category, int customerId, int? contactId, string description,
        DateOnly receivedOn, Ticket? ticket, Actor actor, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            throw DomainException.Invalid("Feedback.DescriptionRequired");
        }
        if (description.Trim().Length > MaxDescriptionLength)
        {
            throw DomainException.Invalid("Feedback.TooLong", MaxDescriptionLength);
        }
        if (customerId <= 0)
        {
            throw DomainException.Invalid("Feedback.CustomerRequired");
        }
        Number = number;
        Kind = kind;
        Category = category;
        CustomerId = customerId;
        ContactId = contactId;
        Description = description.Trim();
        ReceivedOn = receivedOn;
        TicketId = ticket?.Id;
        TicketNumber = ticket?.Number;
        RecordedById = actor.Id;
        RecordedByName = actor.Name;
        RecordedAt = UpdatedAt = now;
        State = FeedbackState.Open;
        Acknowledgement = AcknowledgementState.Pending;
    }

    public static string FormatNumber(int year, long sequence) => $"SR-{year:D4}-{sequence:D4}";

    public bool IsOpen => State == FeedbackState.Open;

    /// <summary>The customer was told it was recorded, on <paramref name="channel"/> to <paramref name="to"/> (queued in the outbox).</summary>
    public void Acknowledged(Channel channel, string to, DateTimeOffset now)
    {
        Acknowledgement = AcknowledgementState.Sent;
        AcknowledgedVia = channel;
        AcknowledgedTo = to;
        AcknowledgementNote = null;
        Touch(now);
    }

    /// <summary>There was no way to tell the customer; <paramref name="reason"/> says why, so someone tells them otherwise.</summary>
    public void CouldNotAcknowledge(string reason, DateTimeOffset now)
    {
        Acknowledgement = AcknowledgementState.Impossible;
        AcknowledgedVia = null;
        AcknowledgedTo = null;
        AcknowledgementNote = reason.Length > MaxNoteLength ? reason[..MaxNoteLength] : reason;
        Touch(now);
    }

    /// <summary>The head records (or rewrites, while open) what was done about it.</summary>
    public void RecordOutcome(string outcome, Actor actor, DateTimeOffset now)
    {
        if (State == FeedbackState.Closed)
        {
            throw DomainException.Conflict("Feedback.ClosedIsFinal", Number);
        }
        if (string.IsNullOrWhiteSpace(outcome))
        {
            throw DomainException.Invalid("Feedback.OutcomeRequired");
        }
        if (outcome.Trim().Length > MaxOutcomeLength)
        {
            throw DomainException.Invalid("Feedback.TooLong", MaxOutcomeLength);
        }
        Outcome = outcome.Trim();
        ReviewedById = actor.Id;
        ReviewedByName = actor.Name;
        ReviewedAt = now;
        Touch(now);
    }

    /// <summary>Closes the entry for good. A complaint needs its outcome first (the quality system asks what was done).</summary>
    public void Close(Actor actor, DateTimeOffset now)
    {
        if (State == FeedbackState.Closed)
        {
            throw DomainException.Conflict("Feedback.ClosedIsFinal", Number);
        }
        if (Kind == FeedbackKind.Complaint && string.IsNullOrWhiteSpace(Outcome))
        {
            throw DomainException.Conflict("Feedback.ComplaintNeedsOutcome", Number);
        }
        State = FeedbackState.Closed;
        ClosedById = actor.Id;
        ClosedByName = actor.Name;
        ClosedAt = now;
        Touch(now);
    }

    /// <summary>Every change bumps <see cref="Version"/>: a second change saved from an older read is refused.</summary>
    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}

public enum FeedbackKind
{
    Suggestion,
    Complaint,
}

/// <summary>What the suggestion or complaint is about.</summary>
public enum FeedbackCategory
{
    Service,
    Product,
    ResponseTime,
    Commercial,
    Other,
}

public enum FeedbackState
{
    Open,
    Closed,
}

public enum AcknowledgementState
{
    /// <summary>Only while the entry is being recorded: it is acknowledged (or not) in the same transaction.</summary>
    Pending,
    Sent,
    Impossible,
}

/// <summary>The last number of the register used in a year; one row per year, bumped atomically.</summary>
public sealed class FeedbackCounter
{
    public int Year { get; set; }
    public long Last { get; set; }
}
