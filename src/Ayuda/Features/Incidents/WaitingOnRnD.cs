using Ayuda.Data;
using Ayuda.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Incidents;

/// <summary>
/// Tickets waiting on R&amp;D with when their customer last heard from us: our last message, or when the ticket joined
/// its incident if nothing went out since. The one rule behind the reminders and the head's dashboard.
/// </summary>
public static class WaitingOnRnD
{
    public sealed record Row(string Number, string Subject, string? AssigneeId, string? AssigneeName, string? CustomerName, string? Incident, DateTimeOffset LastHeard);

    /// <summary>Reads <paramref name="tickets"/> (already filtered, ordered and cut by the caller); <paramref name="now"/> stands in when neither is known.</summary>
    public static async Task<List<Row>> ReadAsync(AyudaDb db, IQueryable<Ticket> tickets, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await tickets
            .Select(t => new
            {
                t.Number, t.Subject, t.AssigneeId,
                AssigneeName = db.Users.Where(u => u.Id == t.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
                CustomerName = db.Customers.Where(c => c.Id == t.CustomerId).Select(c => c.Name).FirstOrDefault(),
                Incident = db.Incidents.Where(i => i.Id == t.IncidentId).Select(i => i.Number).FirstOrDefault(),
                LastOut = db.TicketMessages.Where(m => m.TicketId == t.Id && m.Direction == MessageDirection.Out).OrderByDescending(m => m.Id).Select(m => (DateTimeOffset?)m.At).FirstOrDefault(),
                Linked = db.TimelineEntries.Where(e => e.TicketId == t.Id && e.Kind == TimelineKind.IncidentLinked).OrderByDescending(e => e.Id).Select(e => (DateTimeOffset?)e.At).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => new Row(r.Number, r.Subject, r.AssigneeId, r.AssigneeName, r.CustomerName, r.Incident,
            r.LastOut is { } o && (r.Linked is null || o > r.Linked) ? o : r.Linked ?? now))];
    }
}
