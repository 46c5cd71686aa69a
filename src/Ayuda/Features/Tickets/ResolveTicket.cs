using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Tickets;

/// <summary>
/// The end of a case: a usage query answered and closed in one step while the customer is on the line (with the closing
/// notification when the customer can be written to), and closing a resolved ticket by hand, with the reason.
/// </summary>
public sealed class ResolveTicket(TicketChanges changes, Closing.ResolveAndNotify notify, IStringLocalizer<Strings> l)
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
        return await notify.AnswerAsync(number, request.Answer.Trim(), actor, ct);
    }

    /// <summary>Closing a resolved ticket by hand (its notification failed, or none could go) says why.</summary>
    public Task<Outcome<TicketView>> CloseAsync(string number, CloseRequest request, Actor actor, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(request.Reason)
            ? Task.FromResult(Outcome<TicketView>.Invalid("reason", l["Ticket.ReasonRequired"]))
            : changes.ApplyAsync(number, (ticket, now) => ticket.Close(actor, now, request.Reason), ct);
}
