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
        var rows = await WaitingOnRnD.ReadAsync(db, waiting.OrderBy(t => t.Number).Take(1000), now, ct);
        var today = desk.Today;
        return [.. rows
            .Select(r => new StaleTicket(r.Number, r.Subject, r.CustomerName, r.Incident, r.AssigneeId, r.AssigneeName, r.LastHeard,
                BusinessDays.Between(DateOnly.FromDateTime(desk.Local(r.LastHeard)), today)))
            .Where(s => s.LastUpdate < before && s.BusinessDays >= threshold)
            .OrderByDescending(s => s.BusinessDays)];
    }
}

public sealed record StaleTicket(string Number, string Subject, string? CustomerName, string? IncidentNumber, string? AssigneeId, string? AssigneeName,
    DateTimeOffset LastUpdate, int BusinessDays);
