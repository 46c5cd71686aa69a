using Ayuda.Data;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Incidents;

/// <summary>
/// Tickets waiting on R&amp;D whose customer has gone too long without news: the business days since the last message
/// to the customer (or since the ticket joined its incident, if none went out since), against the setting.
/// </summary>
public sealed class IncidentReminders(IDbContextFactory<AyudaDb> contexts, DeskClock desk, IOptionsMonitor<IncidentOptions> options)
{
    public async Task<IReadOnlyList<StaleTicket>> StaleAsync(string? assigneeId, CancellationToken ct)
    {
        var threshold = options.CurrentValue.ReminderBusinessDays;
        var now = desk.UtcNow;
        // N business days are at least N calendar days: the database narrows, the calendar decides.
        var before = now.AddDays(-threshold);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var waiting = db.Tickets.AsNoTracking().Where(t => t.State == TicketState.WaitingOnRnD);
        if (assigneeId is not null)
        {
            waiting = waiting.Where(t => t.AssigneeId == assigneeId);
        }
        var rows = await waiting
            .Select(t => new
            {
                t.Number, t.Subject, t.AssigneeId, t.IncidentId,
                AssigneeName = db.Users.Where(u => u.Id == t.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
                CustomerName = db.Customers.Where(c => c.Id == t.CustomerId).Select(c => c.Name).FirstOrDefault(),
                Incident = db.Incidents.Where(i => i.Id == t.IncidentId).Select(i => i.Number).FirstOrDefault(),
                LastOut = db.TicketMessages.Where(m => m.TicketId == t.Id && m.Direction == MessageDirection.Out).OrderByDescending(m => m.Id).Select(m => (DateTimeOffset?)m.At).FirstOrDefault(),
                Linked = db.TimelineEntries.Where(e => e.TicketId == t.Id && e.Kind == TimelineKind.IncidentLinked).OrderByDescending(e => e.Id).Select(e => (DateTimeOffset?)e.At).FirstOrDefault(),
            })
            .OrderBy(t => t.Number).Take(1000).ToListAsync(ct);
        var today = desk.Today;
        return [.. rows
            .Select(r =>
            {
                var last = r.LastOut is { } o && (r.Linked is null || o > r.Linked) ? o : r.Linked ?? now;
                var days = BusinessDays.Between(DateOnly.FromDateTime(desk.Local(last)), today);
                return new StaleTicket(r.Number, r.Subject, r.CustomerName, r.Incident, r.AssigneeId, r.AssigneeName, last, days);
            })
            .Where(s => s.LastUpdate < before && s.BusinessDays >= threshold)
            .OrderByDescending(s => s.BusinessDays)];
    }
}

public sealed record StaleTicket(string Number, string Subject, string? CustomerName, string? IncidentNumber, string? AssigneeId, string? AssigneeName,
    DateTimeOffset LastUpdate, int BusinessDays);
