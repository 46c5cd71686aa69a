using Ayuda.Infrastructure;

namespace Ayuda.Features.Tickets;

/// <summary>
/// One line of a ticket's history. Append-only: entries are never changed or deleted (the procedure lives under a
/// quality-management system). <see cref="From"/>/<see cref="To"/> hold codes (states, classifications, user ids)
/// that the page renders in the reader's language.
/// </summary>
public sealed class TimelineEntry
{
    public long Id { get; private set; }
    public long TicketId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? ActorId { get; private set; }

    /// <summary>The actor's name at the time, so history reads the same after people leave.</summary>
    public string ActorName { get; private set; } = "";
    public TimelineKind Kind { get; private set; }
    public string? From { get; private set; }
    public string? To { get; private set; }
    public string? Text { get; private set; }

    /// <summary>Never shown or sent to a customer.</summary>
    public bool Internal { get; private set; }

    /// <summary>The message this entry records, for <see cref="TimelineKind.MessageIn"/> and <see cref="TimelineKind.MessageOut"/>.</summary>
    public long? TicketMessageId { get; private set; }
    public TicketMessage? Message { get; private set; }

    private TimelineEntry() { }

    internal TimelineEntry(DateTimeOffset at, Actor actor, TimelineKind kind, string? from = null, string? to = null, string? text = null, bool isInternal = true, TicketMessage? message = null)
    {
        Message = message;
        At = at;
        ActorId = actor.Id;
        ActorName = actor.Name;
        Kind = kind;
        From = from;
        To = to;
        Text = text;
        Internal = isInternal;
    }
}

public enum TimelineKind
{
    /// <summary>The contact was received (Text: the description; To: the channel).</summary>
    Received,
    /// <summary>The agreement gate ran (To: the badge kind seen; Text: its date, ISO).</summary>
    AgreementChecked,
    /// <summary>Administration identified the customer (To: customer name).</summary>
    Identified,
    StateChanged,
    Assigned,
    Classified,
    PriorityChanged,
    Note,
    CallNote,
    /// <summary>A message from the customer (the entry links to it).</summary>
    MessageIn,
    /// <summary>A message to the customer (the entry links to it).</summary>
    MessageOut,
    /// <summary>A message we sent bounced or could not be delivered (To: recipient; Text: reason).</summary>
    DeliveryFailed,
    /// <summary>This ticket continues a closed one (To: its number).</summary>
    FollowsUp,
    /// <summary>A call-back was scheduled (To: owner name; From: due time, ISO 8601; Text: note).</summary>
    CallBackScheduled,
    /// <summary>A call-back was made (Text: its outcome).</summary>
    CallBackDone,
    /// <summary>Linked to a quality incident (To: its number; Text: its title).</summary>
    IncidentLinked,
    /// <summary>The linked incident moved (From: its previous state; To: "number:state"; Text: R&amp;D's comment).</summary>
    IncidentMoved,
    /// <summary>An internal consultation was asked (To: the names asked, comma-separated; Text: the question).</summary>
    ConsultationAsked,
    /// <summary>An asked person answered a consultation (an internal note; Text: the answer).</summary>
    ConsultationAnswered,
    /// <summary>The consultation was closed by the consultant (Text: why, optional).</summary>
    ConsultationClosed,
    /// <summary>The case was resolved (Text: the resolution, what the customer was told).</summary>
    Resolved,
    /// <summary>A meeting was scheduled (To: meeting id; From: its start, ISO 8601; Text: kind, place and attendees).</summary>
    MeetingScheduled,
    /// <summary>A meeting moved (To: meeting id; From: its new start, ISO 8601; Text: what changed).</summary>
    MeetingRescheduled,
    /// <summary>A meeting was cancelled (To: meeting id; From: its start, ISO 8601; Text: the reason).</summary>
    MeetingCancelled,
    /// <summary>The gathered requirement (relevamiento) was handed to the Project Manager (To: requirement id; Text: notes).</summary>
    RequirementGathered,
    /// <summary>Recorded in the suggestions and complaints register (To: its number; Text: kind and category).</summary>
    FeedbackRecorded,
    /// <summary>An attendee answered a meeting's invitation from their calendar (To: meeting id; From: accepted, declined or tentative; Text: who, a line break, the meeting's title).</summary>
    MeetingReplied,
    /// <summary>An on-call rotation assigned the new ticket to the person on call (From: the rotation; To: user id; Text: their name).</summary>
    AssignedByOnCall,
}
