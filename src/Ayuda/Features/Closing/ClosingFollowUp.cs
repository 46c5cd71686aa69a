using Ayuda.Data;
using Ayuda.Features.Notifications;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Closing;

/// <summary>
/// What the outbox does after a closing notification: once it is sent the resolved ticket closes; when it fails for
/// good the consultant is told, and the ticket stays Resolved until the message is resent or the ticket is closed by hand.
/// </summary>
public sealed class ClosingFollowUp(IDbContextFactory<AyudaDb> contexts, StaffNotices notices, TimeProvider clock, IStringLocalizer<Strings> l,
    ILogger<ClosingFollowUp> logger)
{
    private static readonly Actor Desk = Actor.System("Outbox");

    /// <summary>
    /// Before sending: a closing notification whose ticket is no longer resolved (the customer wrote again and it was
    /// reopened) must not tell them the case is solved. Returns the reason to withdraw it, or null to send it.
    /// </summary>
    public string? WithdrawReason(OutboxMessage outbox) =>
        outbox.Kind == OutboxKind.Closing && outbox.Ticket is { } ticket && ticket.State != TicketState.Resolved
            ? l["Closing.Withdrawn", ticket.Number].Value
            : null;

    /// <summary>The notification went out: closes its ticket (a separate save, so the sending is recorded whatever happens here).</summary>
    public async Task SentAsync(OutboxMessage outbox, CancellationToken ct)
    {
        if (outbox.Kind != OutboxKind.Closing || outbox.TicketId is not { } ticketId)
        {
            return;
        }
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var ticket = await db.Tickets.FirstAsync(t => t.Id == ticketId, ct);
            // Only the notification of the current resolution closes, and only once every channel it went by is out.
            if (ticket.State != TicketState.Resolved || outbox.CreatedAt < ticket.ResolvedAt
                || await db.Outbox.AnyAsync(o => o.TicketId == ticketId && o.Kind == OutboxKind.Closing && o.CreatedAt >= ticket.ResolvedAt && o.State != OutboxState.Sent, ct))
            {
                return;
            }
            ticket.Close(Desk, clock.GetUtcNow(), l["Closing.ClosedWhenSent"]);
            try
            {
                await db.SaveChangesAsync(ct);
                logger.LogInformation("Ticket {Number} closed: its closing notification {OutboxId} was sent", ticket.Number, outbox.Id);
                return;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone changed the ticket at that moment: read it again.
            }
        }
        logger.LogWarning("Ticket {TicketId} stays resolved: it kept changing while its closing notification {OutboxId} was sent", ticketId, outbox.Id);
    }

    /// <summary>The notification failed for good: the ticket's consultant hears it (added to the caller's save).</summary>
    public IReadOnlyCollection<string> Failed(AyudaDb db, OutboxMessage outbox, string reason, DateTimeOffset now)
    {
        if (outbox.Kind != OutboxKind.Closing || outbox.Ticket is not { AssigneeId: { } assignee, State: TicketState.Resolved } ticket)
        {
            return [];
        }
        db.StaffNotices.Add(new StaffNotice(assignee, l["Closing.FailedNotice", ticket.Number, reason], $"/tickets/{ticket.Number}", now));
        return [assignee];
    }

    public void Announce(IReadOnlyCollection<string> told) => notices.Announce(told);

    /// <summary>
    /// Closes resolved tickets whose notification is out but that did not close then (the host stopped between recording
    /// the sending and closing, or the ticket kept changing). Run now and then by the dispatcher; returns how many closed.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        List<OutboxMessage> delivered;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var closing = db.Outbox.Where(o => o.Kind == OutboxKind.Closing);
            delivered = await db.Tickets.Where(t => t.State == TicketState.Resolved && t.ResolvedAt != null)
                .Where(t => closing.Any(o => o.TicketId == t.Id && o.CreatedAt >= t.ResolvedAt && o.State == OutboxState.Sent)
                    && !closing.Any(o => o.TicketId == t.Id && o.CreatedAt >= t.ResolvedAt && o.State != OutboxState.Sent))
                .OrderBy(t => t.Id).Take(50)
                .Select(t => closing.Where(o => o.TicketId == t.Id && o.State == OutboxState.Sent).OrderByDescending(o => o.Id).First())
                .AsNoTracking().ToListAsync(ct);
        }
        foreach (var outbox in delivered)
        {
            await SentAsync(outbox, ct);
        }
        return delivered.Count;
    }
}
