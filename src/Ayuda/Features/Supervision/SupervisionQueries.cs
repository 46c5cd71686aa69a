using Ayuda.Data;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Supervision;

/// <summary>
/// The head's dashboard: every figure is a GROUP BY or a COUNT in the database (tickets are never loaded to be
/// counted); the lists are short pages. "Open" is every state but Closed, as the queue's open filter means it.
/// </summary>
public sealed class SupervisionQueries(IDbContextFactory<AyudaDb> contexts, TicketQueries tickets, DeskClock desk)
{
    /// <summary>Where the ageing slots start, in days since the contact.</summary>
    public static readonly IReadOnlyList<int> AgeingDays = [0, 1, 3, 7, 30];
    public const int Weeks = 12;
    public const int ListSize = 10;

    public async Task<SupervisionSummary> SummaryAsync(CancellationToken ct)
    {
        var now = desk.UtcNow;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var open = db.Tickets.AsNoTracking().Where(t => t.State != TicketState.Closed);

        var byState = await open.GroupBy(t => t.State).Select(g => new StateCount(g.Key, g.Count())).ToListAsync(ct);
        var byClassification = await open.GroupBy(t => t.Classification).Select(g => new ClassificationCount(g.Key, g.Count())).ToListAsync(ct);
        var load = await LoadAsync(db, open, ct);
        var ageing = await AgeingAsync(open, now, ct);
        var weeks = await WeeksAsync(db, ct);
        var oldestPending = await tickets.ListAsync(new TicketFilter(TicketState.Pending), null, ListSize, ct);
        var waiting = await WaitingOnRnDAsync(db, now, ct);

        int Count(TicketState state) => byState.FirstOrDefault(s => s.State == state)?.Count ?? 0;
        return new SupervisionSummary(now, byState.Sum(s => s.Count),
            [.. byState.OrderBy(s => s.State)],
            [.. byClassification.OrderBy(c => c.Classification is null).ThenBy(c => c.Classification)],
            load, ageing, oldestPending.Items, Count(TicketState.WaitingOnRnD), waiting, Count(TicketState.Regularisation), weeks);
    }

    private async Task<IReadOnlyList<ConsultantLoad>> LoadAsync(AyudaDb db, IQueryable<Ticket> open, CancellationToken ct)
    {
        var counts = await open.Where(t => t.AssigneeId != null).GroupBy(t => t.AssigneeId!)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var people = (await tickets.AssignableAsync(ct)).ToList();
        // Someone who left (or lost the role) may still hold tickets: they show too, so nothing is hidden.
        var others = counts.Keys.Except(people.Select(p => p.Id)).ToList();
        if (others.Count > 0)
        {
            people.AddRange(await db.Users.AsNoTracking().Where(u => others.Contains(u.Id)).Select(u => new StaffRef(u.Id, u.DisplayName)).ToListAsync(ct));
        }
        return [.. people.Select(p => new ConsultantLoad(p, counts.GetValueOrDefault(p.Id))).OrderByDescending(l => l.Open).ThenBy(l => l.Consultant.Name)];
    }

    private static async Task<IReadOnlyList<AgeBucket>> AgeingAsync(IQueryable<Ticket> open, DateTimeOffset now, CancellationToken ct)
    {
        // Slot starts in time order: oldest (30 days ago) first; before it is "more than 30 days".
        var starts = AgeingDays.Skip(1).Reverse().Select(d => now.AddDays(-d)).ToList();
        var counts = await open.GroupBy(TimeBuckets.Index<Ticket, DateTimeOffset>(t => t.ContactedAt, starts))
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var buckets = new List<AgeBucket>();
        for (var i = 0; i < AgeingDays.Count; i++)
        {
            var max = i + 1 < AgeingDays.Count ? AgeingDays[i + 1] : (int?)null;
            // Slot index in time order: the youngest bucket is the last start.
            var key = starts.Count - 1 - i;
            buckets.Add(new AgeBucket(AgeingDays[i], max, counts.GetValueOrDefault(key)));
        }
        return buckets;
    }

    private async Task<IReadOnlyList<WeekCount>> WeeksAsync(AyudaDb db, CancellationToken ct)
    {
        var today = desk.Today;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var mondays = Enumerable.Range(0, Weeks).Select(i => monday.AddDays(-7 * (Weeks - 1 - i))).ToList();
        var starts = mondays.Select(m => TicketWindow.StartOf(m, desk)).ToList();
        var end = TicketWindow.StartOf(monday.AddDays(7), desk);
        var from = starts[0];
        var created = await db.Tickets.Where(t => t.CreatedAt >= from && t.CreatedAt < end)
            .GroupBy(TimeBuckets.Index<Ticket, DateTimeOffset>(t => t.CreatedAt, starts))
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var closed = await db.Tickets.Where(t => t.State == TicketState.Closed && t.ClosedAt >= from && t.ClosedAt < end)
            .GroupBy(TimeBuckets.Index<Ticket, DateTimeOffset?>(t => t.ClosedAt, starts))
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. mondays.Select((m, i) => new WeekCount(m, created.GetValueOrDefault(i), closed.GetValueOrDefault(i)))];
    }

    /// <summary>
    /// Tickets with an incident waiting on R&amp;D, longest without news first. The customer last heard from us with the
    /// last message we sent them, or when the ticket joined its incident if nothing went out since (the rule of the
    /// incident reminders).
    /// </summary>
    private async Task<IReadOnlyList<WaitingTicket>> WaitingOnRnDAsync(AyudaDb db, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await Incidents.WaitingOnRnD.ReadAsync(db,
            db.Tickets.AsNoTracking().Where(t => t.State == TicketState.WaitingOnRnD && t.IncidentId != null).OrderBy(t => t.ContactedAt).Take(500), now, ct);
        return [.. rows
            .Select(r => new WaitingTicket(r.Number, r.Subject, r.CustomerName, r.Incident,
                r.AssigneeId is null ? null : new StaffRef(r.AssigneeId, r.AssigneeName ?? ""), r.LastHeard, (int)Math.Floor((now - r.LastHeard).TotalDays)))
            .OrderBy(w => w.LastHeard).Take(ListSize)];
    }
}
