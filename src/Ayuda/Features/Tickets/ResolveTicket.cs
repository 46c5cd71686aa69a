using Ayuda.Features.Consultations;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Tickets;

/// <summary>
/// The end of a case: a usage query answered and closed in one step while the customer is on the line, and the closing
/// of a resolved ticket. Any consultation still open ends with it.
/// </summary>
public sealed class ResolveTicket(TicketChanges changes, IStringLocalizer<Strings> l)
{
    public sealed record AnswerRequest(string? Answer);

    public sealed record CloseRequest(string? Reason);

    public async Task<Outcome<TicketView>> AnswerAndCloseAsync(string number, AnswerRequest request, Actor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Answer))
        {
            return Outcome<TicketView>.Invalid("answer", l["Ticket.ResolutionRequired"]);
        }
        if (request.Answer.Length > Ticket.MaxNoteLength)
        {
            return Outcome<TicketView>.Invalid("answer", l["Ticket.ResolutionTooLong", Ticket.MaxNoteLength]);
        }
        return await changes.ApplyAsync(number, async (ticket, db, now) =>
        {
            ticket.AnswerAndClose(request.Answer, actor, now);
            await OpenConsultations.EndWithAsync(db, ticket, actor, now, ct);
        }, ct);
    }

    public Task<Outcome<TicketView>> CloseAsync(string number, CloseRequest request, Actor actor, CancellationToken ct) =>
        changes.ApplyAsync(number, (ticket, now) => ticket.Close(actor, now, request.Reason), ct);
}
