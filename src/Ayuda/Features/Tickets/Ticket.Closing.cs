using Ayuda.Infrastructure;

namespace Ayuda.Features.Tickets;

/// <summary>The end of a case (its resolution and closing) and the internal consultations on the way there.</summary>
public sealed partial class Ticket
{
    /// <summary>What the customer was told when the case was resolved (the latest resolution when it was reopened since).</summary>
    public string? Resolution { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>The case is solved: the resolution is on the record (public: it is what the customer is told).</summary>
    public void Resolve(string resolution, Actor actor, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(resolution))
        {
            throw DomainException.Invalid("Ticket.ResolutionRequired");
        }
        if (resolution.Length > MaxNoteLength)
        {
            throw DomainException.Invalid("Ticket.ResolutionTooLong", MaxNoteLength);
        }
        if (!TicketStates.CanMove(State, TicketState.Resolved))
        {
            throw DomainException.Conflict("Ticket.ResolveNotNow", Number, State);
        }
        Resolution = resolution.Trim();
        ResolvedAt = now;
        Append(now, actor, TimelineKind.Resolved, text: Resolution, isInternal: false);
        MoveTo(TicketState.Resolved, actor, now);
    }

    /// <summary>
    /// Before the closing notification: resolves the case, or — when it is already resolved (a requirement handed over)
    /// — records the resolution the notification will carry if it changed.
    /// </summary>
    /// <remarks>
    /// <c>onTheLine</c>: answered while the customer waits (a usage query), so a Pending ticket nobody has is taken by
    /// whoever answers, and an unclassified one counts as a usage query.
    /// </remarks>
    public void PrepareClosing(string resolution, Actor actor, DateTimeOffset now, bool onTheLine = false)
    {
        if (onTheLine)
        {
            TakeAndClassifyForAnswer(actor, now);
        }
        if (State != TicketState.Resolved)
        {
            Resolve(resolution, actor, now);
            return;
        }
        if (!string.Equals(resolution.Trim(), Resolution, StringComparison.Ordinal))
        {
            Resolution = resolution.Trim();
            ResolvedAt = now;
            Append(now, actor, TimelineKind.Resolved, text: Resolution, isInternal: false);
        }
    }

    /// <summary>A resolved case is closed (the closing notification, when there is one, went out or was not needed).</summary>
    public void Close(Actor actor, DateTimeOffset now, string? reason = null)
    {
        if (State != TicketState.Resolved)
        {
            throw DomainException.Conflict("Ticket.CloseOnlyResolved", Number, State);
        }
        if (reason?.Length > MaxReasonLength)
        {
            throw DomainException.Invalid("Ticket.ReasonTooLong", MaxReasonLength);
        }
        MoveTo(TicketState.Closed, actor, now, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
    }

    /// <summary>
    /// The usage query answered while the customer is on the line: resolved with the answer and closed in one step.
    /// A Pending ticket nobody has yet is taken by whoever answers it.
    /// </summary>
    public void AnswerAndClose(string answer, Actor actor, DateTimeOffset now, string? reason = null)
    {
        TakeAndClassifyForAnswer(actor, now);
        Resolve(answer, actor, now);
        Close(actor, now, reason);
    }

    private void TakeAndClassifyForAnswer(Actor actor, DateTimeOffset now)
    {
        if (State == TicketState.Pending && AssigneeId is null && actor.Id is not null)
        {
            Take(actor, now);
        }
        if (Classification is null && TicketStates.IsWithImplementation(State))
        {
            // Answered on the spot without classifying: it was a usage query, and reports count it as one.
            Classify(Tickets.Classification.UsageQuery, actor, now);
        }
    }

    /// <summary>The query exceeds the consultant: the head or other consultants are asked; the ticket waits in consultation.</summary>
    public void StartConsultation(string askedNames, string question, Actor actor, DateTimeOffset now)
    {
        if (State != TicketState.InProgress)
        {
            throw DomainException.Conflict("Ticket.ConsultNotNow", Number, State);
        }
        Append(now, actor, TimelineKind.ConsultationAsked, to: askedNames.Length > 450 ? askedNames[..450] : askedNames, text: question);
        MoveTo(TicketState.InConsultation, actor, now);
    }

    /// <summary>An answer to the consultation: an internal note, never shown to the customer.</summary>
    public void RecordConsultationAnswer(string answer, Actor actor, DateTimeOffset now) =>
        Append(now, actor, TimelineKind.ConsultationAnswered, text: answer, isInternal: true);

    /// <summary>The consultation ended (From: how); a ticket still waiting on it is worked again.</summary>
    public void EndConsultation(string how, string? note, Actor actor, DateTimeOffset now)
    {
        Append(now, actor, TimelineKind.ConsultationClosed, from: how, text: string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        if (State == TicketState.InConsultation)
        {
            MoveTo(TicketState.InProgress, actor, now);
        }
    }

    /// <summary>The gathered requirement was handed to the Project Manager (To: its id); the case is then resolved.</summary>
    public void HandOverRequirement(long requirementId, string notes, string resolution, Actor actor, DateTimeOffset now)
    {
        CheckRequirementHandOver();
        Append(now, actor, TimelineKind.RequirementGathered, to: requirementId.ToString(System.Globalization.CultureInfo.InvariantCulture), text: notes);
        Resolve(resolution, actor, now);
    }

    /// <summary>A requirement can be handed over from a new-requirement ticket that can still be resolved.</summary>
    public void CheckRequirementHandOver()
    {
        if (Classification != Tickets.Classification.NewRequirement)
        {
            throw DomainException.Conflict("Ticket.RequirementNeedsClassification", Number);
        }
        if (!TicketStates.CanMove(State, TicketState.Resolved))
        {
            throw DomainException.Conflict("Ticket.ResolveNotNow", Number, State);
        }
    }
}
