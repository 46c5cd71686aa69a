using Ayuda.Features.Notifications;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Consultations;

/// <summary>
/// The internal consultation, from the question to the last answer: the people asked are told (bell and email), their
/// answers are internal notes on the ticket, and the consultant is told of each answer.
/// </summary>
public sealed class ConsultTicket(TicketChanges changes, ConsultationQueries queries, StaffAlerts alerts, IStringLocalizer<Strings> l)
{
    public sealed record AskRequest(string? Question, IReadOnlyList<string>? AskUserIds);

    public sealed record AnswerRequest(string? Text);

    public sealed record CloseRequest(string? Note);

    public async Task<Outcome<ConsultationView>> AskAsync(string number, AskRequest request, Actor actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Question))
        {
            errors["question"] = [l["Consultations.QuestionRequired"]];
        }
        else if (request.Question.Length > Consultation.MaxQuestionLength)
        {
            errors["question"] = [l["Consultations.QuestionTooLong", Consultation.MaxQuestionLength]];
        }
        var ids = (request.AskUserIds ?? []).Where(id => !string.IsNullOrWhiteSpace(id)).Distinct().ToList();
        if (ids.Count == 0 || ids.Count > Consultation.MaxAsked)
        {
            errors["askUserIds"] = [l["Consultations.AskSomeone", Consultation.MaxAsked]];
        }
        else if (ids.Contains(actor.Id ?? ""))
        {
            errors["askUserIds"] = [l["Consultations.NotYourself"]];
        }
        else
        {
            var askable = (await queries.AskableAsync(actor.Id, ct)).Select(p => p.Id).ToHashSet();
            if (ids.Any(id => !askable.Contains(id)))
            {
                errors["askUserIds"] = [l["Consultations.UnknownPerson"]];
            }
        }
        if (errors.Count > 0)
        {
            return Outcome<ConsultationView>.Invalid(errors);
        }

        Consultation? created = null;
        IReadOnlyCollection<string> told = [];
        var outcome = await changes.ApplyAsync(number, async (ticket, db, now) =>
        {
            if (await db.Consultations.AnyAsync(c => c.TicketId == ticket.Id && c.State == ConsultationState.Open, ct))
            {
                throw DomainException.Conflict("Consultations.AlreadyOpen", number);
            }
            var people = await StaffAlerts.RecipientsAsync(db, ids, ct);
            created = new Consultation(ticket, [.. people.Select(p => new StaffRef(p.Id, p.Name))], request.Question!, actor, now);
            db.Consultations.Add(created);
            var question = created.Question;
            told = alerts.Tell(db, people, OutboxKind.Consultation, $"/tickets/{number}", s => (
                s["Consultations.Notice", actor.Name, number].Value,
                s["Consultations.MailSubject", number, ticket.Subject].Value,
                s["Consultations.MailBody", actor.Name, number, ticket.Subject, question].Value), now);
        }, ct);
        if (!outcome.Succeeded)
        {
            return Outcome<ConsultationView>.Fail(outcome.Problem!, outcome.Kind);
        }
        alerts.Announce(told);
        return Outcome<ConsultationView>.Ok((await queries.GetAsync(created!.Id, ct))!);
    }

    public async Task<Outcome<ConsultationView>> AnswerAsync(long id, AnswerRequest request, Actor actor, bool isHead, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return Outcome<ConsultationView>.Invalid("text", l["Consultations.AnswerRequired"]);
        }
        if (request.Text.Length > Ticket.MaxNoteLength)
        {
            return Outcome<ConsultationView>.Invalid("text", l["Ticket.NoteTooLong", Ticket.MaxNoteLength]);
        }
        return await ChangeAsync(id, async (consultation, ticket, db, now) =>
        {
            var last = consultation.Answer(request.Text, actor, isHead, now);
            if (consultation.AskedById is not { } asker || asker == actor.Id)
            {
                return [];
            }
            var text = request.Text.Trim();
            return alerts.Tell(db, await StaffAlerts.RecipientsAsync(db, [asker], ct), OutboxKind.Consultation, $"/tickets/{ticket.Number}", s => (
                s[last ? "Consultations.AllAnsweredNotice" : "Consultations.AnsweredNotice", actor.Name, ticket.Number].Value,
                s["Consultations.AnsweredSubject", actor.Name, ticket.Number].Value,
                s["Consultations.AnsweredBody", actor.Name, ticket.Number, ticket.Subject, text].Value), now);
        }, ct);
    }

    /// <summary>The consultant who asked, the ticket's consultant or the head ends the consultation.</summary>
    public Task<Outcome<ConsultationView>> CloseAsync(long id, CloseRequest request, Actor actor, bool isHead, CancellationToken ct) =>
        ChangeAsync(id, (consultation, ticket, _, now) =>
        {
            if (!isHead && consultation.AskedById != actor.Id && ticket.AssigneeId != actor.Id)
            {
                throw DomainException.Conflict("Consultations.CloseNotYours");
            }
            consultation.Close(request.Note, actor, now);
            return Task.FromResult<IReadOnlyCollection<string>>([]);
        }, ct);

    private async Task<Outcome<ConsultationView>> ChangeAsync(long id, Func<Consultation, Ticket, Data.AyudaDb, DateTimeOffset, Task<IReadOnlyCollection<string>>> change,
        CancellationToken ct)
    {
        if (await queries.GetAsync(id, ct) is not { } found)
        {
            return Outcome<ConsultationView>.Fail(l["Consultations.NotFound", id], DomainErrorKind.NotFound);
        }
        IReadOnlyCollection<string> told = [];
        var outcome = await changes.ApplyAsync(found.TicketNumber, async (ticket, db, now) =>
        {
            var consultation = await db.Consultations.FirstAsync(c => c.Id == id, ct);
            told = await change(consultation, ticket, db, now);
        }, ct);
        if (!outcome.Succeeded)
        {
            return Outcome<ConsultationView>.Fail(outcome.Problem!, outcome.Kind);
        }
        alerts.Announce(told);
        return Outcome<ConsultationView>.Ok((await queries.GetAsync(id, ct))!);
    }
}
