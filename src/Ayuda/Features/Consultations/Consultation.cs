using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Consultations;

/// <summary>
/// A question a consultant puts to the head of implementation or other consultants when a query exceeds what they
/// know. The ticket waits in consultation; every answer is an internal note on it; once everyone asked has answered
/// (or the consultant closes it) the ticket is worked again.
/// </summary>
public sealed class Consultation
{
    public const int MaxQuestionLength = 4_000;
    public const int MaxAsked = 10;

    public long Id { get; private set; }
    public long TicketId { get; private set; }
    public Ticket? Ticket { get; private set; }
    public string Question { get; private set; } = "";
    public string? AskedById { get; private set; }
    public string AskedByName { get; private set; } = "";
    public DateTimeOffset AskedAt { get; private set; }
    public ConsultationState State { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedByName { get; private set; }
    public List<ConsultationAsk> Asked { get; private set; } = [];
    public List<ConsultationAnswer> Answers { get; private set; } = [];
    public int Version { get; private set; }

    private Consultation() { }

    public Consultation(Ticket ticket, IReadOnlyList<StaffRef> asked, string question, Actor actor, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            throw DomainException.Invalid("Consultations.QuestionRequired");
        }
        if (question.Length > MaxQuestionLength)
        {
            throw DomainException.Invalid("Consultations.QuestionTooLong", MaxQuestionLength);
        }
        if (asked.Count == 0 || asked.Count > MaxAsked)
        {
            throw DomainException.Invalid("Consultations.AskSomeone", MaxAsked);
        }
        if (asked.Any(p => p.Id == actor.Id))
        {
            throw DomainException.Invalid("Consultations.NotYourself");
        }
        Ticket = ticket;
        Question = question.Trim();
        AskedById = actor.Id;
        AskedByName = actor.Name;
        AskedAt = now;
        State = ConsultationState.Open;
        Asked = [.. asked.DistinctBy(p => p.Id).Select(p => new ConsultationAsk(p.Id, p.Name))];
        ticket.StartConsultation(string.Join(", ", Asked.Select(a => a.Name)), Question, actor, now);
    }

    public bool IsOpen => State == ConsultationState.Open;

    public bool WasAsked(string? userId) => Asked.Any(a => a.UserId == userId);

    /// <summary>
    /// An answer from someone asked (or the head, who may always step in). Returns true when it was the last one
    /// awaited, which closes the consultation and puts the ticket back in progress.
    /// </summary>
    public bool Answer(string text, Actor actor, bool isHead, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw DomainException.Conflict("Consultations.AlreadyClosed");
        }
        if (!WasAsked(actor.Id) && !isHead)
        {
            throw DomainException.Conflict("Consultations.NotAsked");
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            throw DomainException.Invalid("Consultations.AnswerRequired");
        }
        if (text.Length > Tickets.Ticket.MaxNoteLength)
        {
            throw DomainException.Invalid("Ticket.NoteTooLong", Tickets.Ticket.MaxNoteLength);
        }
        Answers.Add(new ConsultationAnswer(actor.Id, actor.Name, text.Trim(), now));
        foreach (var ask in Asked.Where(a => a.UserId == actor.Id))
        {
            ask.Answered(now);
        }
        Ticket!.RecordConsultationAnswer(text.Trim(), actor, now);
        Version++;
        if (Asked.All(a => a.AnsweredAt is not null))
        {
            End(ConsultationState.Answered, null, actor, now);
            return true;
        }
        return false;
    }

    /// <summary>The consultant (or the head) ends it before everyone answered; a note may say why.</summary>
    public void Close(string? note, Actor actor, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw DomainException.Conflict("Consultations.AlreadyClosed");
        }
        if (note?.Length > Tickets.Ticket.MaxReasonLength)
        {
            throw DomainException.Invalid("Ticket.ReasonTooLong", Tickets.Ticket.MaxReasonLength);
        }
        End(ConsultationState.Closed, note, actor, now);
    }

    /// <summary>The ticket was resolved while the consultation was open: it ends with it.</summary>
    public void EndWithTicket(Actor actor, DateTimeOffset now) => End(ConsultationState.Closed, null, actor, now);

    private void End(ConsultationState state, string? note, Actor actor, DateTimeOffset now)
    {
        State = state;
        ClosedAt = now;
        ClosedByName = actor.Name;
        Version++;
        Ticket!.EndConsultation(Tickets.Ticket.Code(state), note, actor, now);
    }
}

public enum ConsultationState
{
    Open,
    /// <summary>Everyone asked answered.</summary>
    Answered,
    /// <summary>Closed by the consultant or the head (or with the ticket) before everyone answered.</summary>
    Closed,
}

/// <summary>One person asked, and when they answered.</summary>
public sealed class ConsultationAsk
{
    public string UserId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public DateTimeOffset? AnsweredAt { get; private set; }

    private ConsultationAsk() { }

    internal ConsultationAsk(string userId, string name)
    {
        UserId = userId;
        Name = name;
    }

    internal void Answered(DateTimeOffset now) => AnsweredAt ??= now;
}

public sealed class ConsultationAnswer
{
    public string? UserId { get; private set; }
    public string Name { get; private set; } = "";
    public string Text { get; private set; } = "";
    public DateTimeOffset At { get; private set; }

    private ConsultationAnswer() { }

    internal ConsultationAnswer(string? userId, string name, string text, DateTimeOffset at)
    {
        UserId = userId;
        Name = name;
        Text = text;
        At = at;
    }
}

/// <summary>Ending a ticket's open consultations when the ticket is resolved another way.</summary>
public static class OpenConsultations
{
    /// <summary>Ends, in the caller's context, every open consultation of <paramref name="ticket"/> (which is already resolved).</summary>
    public static async Task EndWithAsync(Data.AyudaDb db, Ticket ticket, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var open in await db.Consultations.Where(c => c.TicketId == ticket.Id && c.State == ConsultationState.Open).ToListAsync(ct))
        {
            open.EndWithTicket(actor, now);
        }
    }
}
