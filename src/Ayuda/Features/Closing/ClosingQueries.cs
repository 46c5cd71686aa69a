using Ayuda.Data;
using Ayuda.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Closing;

public sealed class ClosingQueries(IDbContextFactory<AyudaDb> contexts)
{
    /// <summary>A ticket's closing notifications, newest first, with their delivery state; null when the ticket does not exist.</summary>
    public async Task<IReadOnlyList<ClosingNotificationView>?> ForTicketAsync(string number, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticketId = await db.Tickets.Where(t => t.Number == number).Select(t => (long?)t.Id).FirstOrDefaultAsync(ct);
        if (ticketId is null)
        {
            return null;
        }
        return await db.Outbox.AsNoTracking().Where(o => o.TicketId == ticketId && o.Kind == OutboxKind.Closing)
            .OrderByDescending(o => o.Id).Take(50)
            .Select(o => new ClosingNotificationView(o.Id, o.Channel, o.To, o.Cc, o.Subject, o.CreatedAt, o.State, o.Attempts, o.SentAt, o.LastError))
            .ToListAsync(ct);
    }
}
