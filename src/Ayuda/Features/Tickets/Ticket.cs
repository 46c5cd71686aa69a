using Ayuda.Features.Customers;
using Ayuda.Infrastructure;

namespace Ayuda.Features.Tickets;

/// <summary>
/// A contact from a customer, from the moment it arrives until it is closed. Every change goes through a method
/// that checks the move is legal and appends to the timeline; <see cref="Version"/> makes concurrent changes
/// (two consultants taking the same ticket) fail for all but the first.
/// </summary>
public sealed partial class Ticket
{
    public const int MaxSubjectLength = 200;
    public const int MaxDescriptionLength = 20_000;
    public const int MaxNoteLength = 20_000;
    public const int MaxReasonLength = 2_000;

    public long Id { get; private set; }

    /// <summary><c>YYYY-NNNNNN</c>: year of contact and a per-year sequence.</summary>
    public string Number { get; private set; } = "";
    public Channel Channel { get; private set; }
    public string Subject { get; private set; } = "";
    public string Description { get; private set; } = "";

    /// <summary>The sender as received (phone or email), kept even after identification.</summary>
    public string? From { get; private set; }
    public int? CustomerId { get; private set; }
    public int? ContactId { get; private set; }
    public TicketState State { get; private set; }
    public Classification? Classification { get; private set; }
    public TicketPriority Priority { get; private set; }
    public string? AssigneeId { get; private set; }

    /// <summary>When the customer got in touch; the queue's order, kept when a regularisation case is released.</summary>
    public DateTimeOffset ContactedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>When it was last closed; a customer's reply within the reopen window reopens it.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Whether it ever reached Implementation (a case closed without service is never reopened by a reply).</summary>
    public bool ReachedImplementation { get; private set; }

    /// <summary>The number of the closed ticket this one continues, when a late reply opened it.</summary>
    public string? FollowsUp { get; private set; }
    /// <summary>The quality incident this error was registered as (one incident, many customers' tickets).</summary>
    public long? IncidentId { get; private set; }
    public List<TimelineEntry> Timeline { get; private set; } = [];
    public List<TicketMessage> Messages { get; private set; } = [];

    private Ticket() { }

    public Ticket(string number, Channel channel, string subject, string description, string? from,
        TicketPriority priority, DateTimeOffset contactedAt, Actor actor, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        Number = number;
        Channel = channel;
        Subject = subject.Trim();
        Description = description.Trim();
        From = string.IsNullOrWhiteSpace(from) ? null : from.Trim();
        Priority = priority;
        State = TicketState.Triage;
        ContactedAt = contactedAt;
        CreatedAt = now;
        UpdatedAt = now;
        Timeline.Add(new TimelineEntry(now, actor, TimelineKind.Received, to: Code(channel), text: From, isInternal: false));
    }

    public static string FormatNumber(int year, long sequence) => $"{year:D4}-{sequence:D6}";

    /// <summary>Marks this ticket as the continuation of a closed one (a reply that came too late to reopen it).</summary>
    public void Continue(string closedNumber, Actor actor, DateTimeOffset now)
    {
        FollowsUp = closedNumber;
        Append(now, actor, TimelineKind.FollowsUp, to: closedNumber);
    }

    /// <summary>A message from the customer joins the ticket; a reply to a ticket waiting on them or resolved puts it back in progress.</summary>
    public void ReceiveMessage(TicketMessage message, Actor actor, DateTimeOffset now) => ReceiveMessage(message, actor, now, fromAPerson: true);

    /// <summary>
    /// <paramref name="fromAPerson"/> false: an automatic answer (out of office) is kept on the ticket but is not the
    /// customer answering, so a ticket waiting on them stays waiting.
    /// </summary>
    public void ReceiveMessage(TicketMessage message, Actor actor, DateTimeOffset now, bool fromAPerson)
    {
        if (State == TicketState.Closed)
        {
            throw DomainException.Conflict("Ticket.ClosedIsFinal", Number);
        }
        Messages.Add(message);
        Append(now, actor, TimelineKind.MessageIn, text: message.Subject, isInternal: false, message: message);
        if (fromAPerson && State is TicketState.WaitingOnCustomer or TicketState.Resolved)
        {
            MoveTo(TicketState.InProgress, actor, now);
        }
    }

    /// <summary>A message to the customer, written by staff (or the desk's acknowledgement).</summary>
    public void SendMessage(TicketMessage message, Actor actor, DateTimeOffset now)
    {
        if (State is TicketState.Closed)
        {
            throw DomainException.Conflict("Ticket.ClosedIsFinal", Number);
        }
        Messages.Add(message);
        Append(now, actor, TimelineKind.MessageOut, text: message.Subject, isInternal: false, message: message);
    }

    /// <summary>Whether a customer's reply now reopens this closed ticket rather than opening a new one.</summary>
    public bool CanReopen(DateTimeOffset now, TimeSpan window) =>
        State == TicketState.Closed && ReachedImplementation && ClosedAt is { } closed && now - closed <= window;

    /// <summary>
    /// A closed ticket comes back because the customer wrote again. The gate runs again: only with an agreement in
    /// force; back to its consultant, or to the queue (Pending) when it had none.
    /// </summary>
    public void Reopen(AgreementBadge seen, Actor actor, DateTimeOffset now, string reason)
    {
        if (State != TicketState.Closed || !ReachedImplementation)
        {
            throw DomainException.Conflict("Ticket.ReopenNotNow", Number);
        }
        if (!seen.InForce)
        {
            throw DomainException.Conflict("Ticket.ReopenNeedsAgreement", Number);
        }
        RecordAgreement(seen, actor, now);
        if (AssigneeId is not null)
        {
            MoveTo(TicketState.InProgress, actor, now, reason);
            return;
        }
        // Closed → Pending is not a move anyone may make by hand (it would skip the gate); here the gate just ran.
        State = TicketState.Pending;
        Append(now, actor, TimelineKind.StateChanged, from: Code(TicketState.Closed), to: Code(TicketState.Pending), text: reason);
    }

    /// <summary>A message we sent could not be delivered (bounce or exhausted retries); it shows on the ticket.</summary>
    public void RecordDeliveryFailure(string recipient, string reason, Actor actor, DateTimeOffset now) =>
        Append(now, actor, TimelineKind.DeliveryFailed, to: recipient, text: reason);

    /// <summary>Records who the customer is. Only while the ticket waits in triage (or as it is received).</summary>
    public void Identify(int customerId, int? contactId, string customerName, Actor actor, DateTimeOffset now)
    {
        if (State != TicketState.Triage)
        {
            throw DomainException.Conflict("Ticket.IdentifyOnlyInTriage", Number);
        }
        CustomerId = customerId;
        ContactId = contactId;
        Append(now, actor, TimelineKind.Identified, to: customerId.ToString(System.Globalization.CultureInfo.InvariantCulture), text: customerName);
    }

    /// <summary>The agreement gate: in force → Pending for Implementation; otherwise → Regularisation for the Project Manager.</summary>
    public void ApplyGate(AgreementBadge seen, Actor actor, DateTimeOffset now)
    {
        if (State != TicketState.Triage || CustomerId is null)
        {
            throw DomainException.Conflict("Ticket.GateNeedsIdentifiedTriage", Number);
        }
        RecordAgreement(seen, actor, now);
        MoveTo(seen.InForce ? TicketState.Pending : TicketState.Regularisation, actor, now);
    }

    /// <summary>The PM releases a regularisation case once an agreement is in force; it keeps its time of contact.</summary>
    public void Release(AgreementBadge seen, Actor actor, DateTimeOffset now)
    {
        if (State != TicketState.Regularisation)
        {
            throw DomainException.Conflict("Ticket.ReleaseOnlyRegularisation", Number);
        }
        if (!seen.InForce)
        {
            throw DomainException.Conflict("Ticket.ReleaseNeedsAgreement", Number);
        }
        RecordAgreement(seen, actor, now);
        MoveTo(TicketState.Pending, actor, now);
    }

    /// <summary>Closes a triage or regularisation case without assistance; the reason is on the record.</summary>
    public void CloseWithoutService(string reason, Actor actor, DateTimeOffset now)
    {
        if (State is not (TicketState.Triage or TicketState.Regularisation))
        {
            throw DomainException.Conflict("Ticket.CloseWithoutServiceOnlyBeforeImplementation", Number);
        }
        RequireReason(reason);
        MoveTo(TicketState.Closed, actor, now, reason.Trim());
    }

    /// <summary>A consultant takes a Pending ticket for themselves.</summary>
    public void Take(Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor.Id);
        if (AssigneeId is not null && AssigneeId != actor.Id)
        {
            throw new TicketTakenException(Number, AssigneeId);
        }
        if (State != TicketState.Pending)
        {
            throw DomainException.Conflict("Ticket.TakeOnlyPending", Number);
        }
        AssigneeId = actor.Id;
        Append(now, actor, TimelineKind.Assigned, to: actor.Id, text: actor.Name);
        MoveTo(TicketState.InProgress, actor, now);
    }

    /// <summary>The head assigns or reassigns; a Pending ticket starts being worked.</summary>
    public void Assign(string userId, string userName, Actor actor, DateTimeOffset now)
    {
        if (!TicketStates.IsWithImplementation(State) || State == TicketState.Resolved)
        {
            throw DomainException.Conflict("Ticket.AssignNotNow", Number);
        }
        if (AssigneeId == userId)
        {
            return;
        }
        var previous = AssigneeId;
        AssigneeId = userId;
        Append(now, actor, TimelineKind.Assigned, from: previous, to: userId, text: userName);
        if (State == TicketState.Pending)
        {
            MoveTo(TicketState.InProgress, actor, now);
        }
    }

    /// <summary>
    /// An on-call rotation assigns a new Pending ticket to whoever is on call; the history says which rotation did it
    /// (From: the rotation's name). Nobody's work is taken away: a ticket already assigned is left alone.
    /// </summary>
    public void AssignByOnCall(string userId, string userName, string rotationName, DateTimeOffset now)
    {
        if (State != TicketState.Pending || AssigneeId is not null)
        {
            throw DomainException.Conflict("Ticket.AssignNotNow", Number);
        }
        var rotation = Actor.System(rotationName);
        AssigneeId = userId;
        Append(now, rotation, TimelineKind.AssignedByOnCall, from: rotationName, to: userId, text: userName);
        MoveTo(TicketState.InProgress, rotation, now);
    }

    public void Classify(Classification classification, Actor actor, DateTimeOffset now)
    {
        if (!TicketStates.IsWithImplementation(State))
        {
            throw DomainException.Conflict("Ticket.ClassifyNotNow", Number);
        }
        if (Classification == classification)
        {
            return;
        }
        var previous = Classification;
        Classification = classification;
        Append(now, actor, TimelineKind.Classified, from: previous is { } p ? Code(p) : null, to: Code(classification));
    }

    public void ChangePriority(TicketPriority priority, Actor actor, DateTimeOffset now)
    {
        if (State == TicketState.Closed)
        {
            throw DomainException.Conflict("Ticket.ClosedIsFinal", Number);
        }
        if (Priority == priority)
        {
            return;
        }
        var previous = Priority;
        Priority = priority;
        Append(now, actor, TimelineKind.PriorityChanged, from: Code(previous), to: Code(priority));
    }

    /// <summary>An internal note (never reaches the customer) or a public one; a call note records a phone conversation.</summary>
    public TimelineEntry AddNote(string text, bool isInternal, bool isCall, Actor actor, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw DomainException.Invalid("Ticket.NoteRequired");
        }
        if (text.Length > MaxNoteLength)
        {
            throw DomainException.Invalid("Ticket.NoteTooLong", MaxNoteLength);
        }
        return Append(now, actor, isCall ? TimelineKind.CallNote : TimelineKind.Note, text: text.Trim(), isInternal: isInternal);
    }

    /// <summary>A call-back was promised (To: who calls; From: when, ISO 8601; Text: the note).</summary>
    public void RecordCallBackScheduled(string ownerName, DateTimeOffset dueAt, string note, Actor actor, DateTimeOffset now) =>
        Append(now, actor, TimelineKind.CallBackScheduled, from: dueAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            to: ownerName, text: string.IsNullOrWhiteSpace(note) ? null : note);

    /// <summary>A promised call-back was made; its outcome is a call note of the conversation.</summary>
    public void RecordCallBackDone(string outcome, Actor actor, DateTimeOffset now) =>
        Append(now, actor, TimelineKind.CallBackDone, text: outcome);

    /// <summary>
    /// An error becomes (or joins) a quality incident: the ticket must be classified as an error, gets linked, and
    /// waits on R&amp;D. A ticket has one incident.
    /// </summary>
    public void LinkIncident(long incidentId, string incidentNumber, string incidentTitle, Actor actor, DateTimeOffset now)
    {
        if (Classification != Tickets.Classification.Error)
        {
            throw DomainException.Conflict("Ticket.IncidentNeedsError", Number);
        }
        if (IncidentId is { } current && current != incidentId)
        {
            throw DomainException.Conflict("Ticket.IncidentAlreadyLinked", Number);
        }
        if (IncidentId == incidentId)
        {
            return;
        }
        if (State != TicketState.WaitingOnRnD && !TicketStates.CanMove(State, TicketState.WaitingOnRnD))
        {
            throw DomainException.Conflict("Ticket.IncidentNeedsWork", Number, State);
        }
        IncidentId = incidentId;
        Append(now, actor, TimelineKind.IncidentLinked, to: incidentNumber, text: incidentTitle);
        if (State != TicketState.WaitingOnRnD)
        {
            MoveTo(TicketState.WaitingOnRnD, actor, now);
        }
    }

    /// <summary>Its incident turned out to be a duplicate: the ticket follows the original incident.</summary>
    public void MoveToIncident(long incidentId, string incidentNumber, string incidentTitle, Actor actor, DateTimeOffset now)
    {
        if (IncidentId == incidentId)
        {
            return;
        }
        IncidentId = incidentId;
        Append(now, actor, TimelineKind.IncidentLinked, to: incidentNumber, text: incidentTitle);
    }

    /// <summary>The incident moved (From/To: its states; To carries the incident number first): shown on every linked ticket.</summary>
    public void RecordIncidentMove(string incidentNumber, string from, string to, string comment, Actor actor, DateTimeOffset now) =>
        Append(now, actor, TimelineKind.IncidentMoved, from: from, to: $"{incidentNumber}:{to}", text: comment);

    /// <summary>A meeting of this ticket was scheduled, moved or cancelled (From: its start, ISO 8601; To: its id).</summary>
    public void RecordMeeting(TimelineKind kind, long meetingId, DateTimeOffset start, string text, Actor actor, DateTimeOffset now)
    {
        if (kind is not (TimelineKind.MeetingScheduled or TimelineKind.MeetingRescheduled or TimelineKind.MeetingCancelled))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a meeting event.");
        }
        Append(now, actor, kind, from: start.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            to: meetingId.ToString(System.Globalization.CultureInfo.InvariantCulture), text: text);
    }

    /// <summary>An attendee answered a meeting's invitation (From: the answer's code; To: the meeting's id).</summary>
    public void RecordMeetingReply(long meetingId, string meetingTitle, string who, string answer, Actor actor, DateTimeOffset now) =>
        Append(now, actor, TimelineKind.MeetingReplied, from: answer, to: meetingId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            text: $"{who}\n{meetingTitle}");

    /// <summary>The contact was recorded in the suggestions and complaints register (To: its number).</summary>
    public void RecordFeedback(string feedbackNumber, string text, Actor actor, DateTimeOffset now) =>
        Append(now, actor, TimelineKind.FeedbackRecorded, to: feedbackNumber, text: text);

    /// <summary>Every state change goes through here: illegal moves are refused, legal ones recorded.</summary>
    public void MoveTo(TicketState to, Actor actor, DateTimeOffset now, string? reason = null)
    {
        if (!TicketStates.CanMove(State, to))
        {
            throw DomainException.Conflict("Ticket.IllegalMove", Number, State, to);
        }
        var from = State;
        State = to;
        ReachedImplementation |= to == TicketState.Pending;
        ClosedAt = to == TicketState.Closed ? now : ClosedAt;
        Append(now, actor, TimelineKind.StateChanged, from: Code(from), to: Code(to), text: reason);
    }

    private void RecordAgreement(AgreementBadge seen, Actor actor, DateTimeOffset now) =>
        Append(now, actor, TimelineKind.AgreementChecked, to: Code(seen.Kind),
            text: seen.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Codes in the timeline are spelled as the API spells enums: "inProgress", "usageQuery".</summary>
    public static string Code(Enum value) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static void RequireReason(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw DomainException.Invalid("Ticket.ReasonRequired");
        }
        if (reason.Length > MaxReasonLength)
        {
            throw DomainException.Invalid("Ticket.ReasonTooLong", MaxReasonLength);
        }
    }

    private TimelineEntry Append(DateTimeOffset now, Actor actor, TimelineKind kind, string? from = null, string? to = null,
        string? text = null, bool isInternal = true, TicketMessage? message = null)
    {
        var entry = new TimelineEntry(now, actor, kind, from, to, text, isInternal, message);
        Timeline.Add(entry);
        UpdatedAt = now;
        Version++;
        return entry;
    }
}

/// <summary>Someone else already has the ticket; the use case tells the caller who (409).</summary>
public sealed class TicketTakenException(string number, string assigneeId) : Exception($"Ticket {number} is taken by {assigneeId}.")
{
    public string Number { get; } = number;
    public string AssigneeId { get; } = assigneeId;
}
