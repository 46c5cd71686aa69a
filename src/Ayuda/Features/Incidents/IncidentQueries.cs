using Ayuda.Data;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Incidents;

/// <summary>The register (filtered, newest first, keyset-paged) and one incident with its history, tickets and evidence.</summary>
public sealed class IncidentQueries(IDbContextFactory<AyudaDb> contexts, DeskClock desk)
{
    public const int MaxPageSize = 200;

    public async Task<IncidentPage> ListAsync(IncidentFilter filter, string? cursor, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var incidents = db.Incidents.AsNoTracking();
        if (filter.State is { } state)
        {
            incidents = incidents.Where(i => i.State == state);
        }
        else if (filter.OpenOnly)
        {
            incidents = incidents.Where(i => i.State != IncidentState.Closed && i.State != IncidentState.Rejected && i.State != IncidentState.Duplicate);
        }
        if (filter.Severity is { } severity)
        {
            incidents = incidents.Where(i => i.Severity == severity);
        }
        if (!string.IsNullOrWhiteSpace(filter.Product))
        {
            incidents = incidents.Where(i => i.Product == filter.Product.Trim());
        }
        if (filter.OlderThanDays is { } days and > 0)
        {
            var before = desk.UtcNow.AddDays(-Math.Min(days, 36_500));
            incidents = incidents.Where(i => i.CreatedAt < before);
        }
        if (!string.IsNullOrWhiteSpace(filter.Query))
        {
            var text = filter.Query.Trim();
            var upper = text.ToUpperInvariant();
            incidents = incidents.Where(i => i.Number == upper || i.Title.Contains(text) || i.Product.Contains(text));
        }
        if (TicketQueries.Cursor.Parse(cursor) is var (at, id))
        {
            incidents = incidents.Where(i => i.CreatedAt < at || (i.CreatedAt == at && i.Id < id));
        }
        var rows = await incidents.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(limit + 1)
            .Select(i => new IncidentRow(i.Id, i.Number, i.Title, i.Product, i.Module, i.Severity, i.State, i.CreatedAt, i.StateSince, i.OwnerName, i.FixVersion,
                db.Tickets.Count(t => t.IncidentId == i.Id)))
            .ToListAsync(ct);
        var page = rows.Take(limit).ToList();
        return new IncidentPage(page, rows.Count > limit ? TicketQueries.Cursor.Format(page[^1].CreatedAt, page[^1].Id) : null);
    }

    public async Task<IncidentView?> GetAsync(string number, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Number == number, ct);
        if (incident is null)
        {
            return null;
        }
        var history = await db.Set<IncidentEvent>().AsNoTracking().Where(e => e.IncidentId == incident.Id).OrderBy(e => e.Id).Take(2000)
            .Select(e => new IncidentEventView(e.At, e.ActorName, e.Kind, e.From, e.To, e.Text)).ToListAsync(ct);
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.IncidentId == incident.Id).OrderBy(t => t.Id).Take(1000)
            .Select(t => new LinkedTicket(t.Number, t.Subject, t.State, t.CustomerId,
                db.Customers.Where(c => c.Id == t.CustomerId).Select(c => c.Name).FirstOrDefault(),
                t.AssigneeId, db.Users.Where(u => u.Id == t.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(), t.Channel))
            .ToListAsync(ct);
        var evidence = await db.Set<IncidentEvidence>().AsNoTracking().Where(e => e.IncidentId == incident.Id).OrderBy(e => e.Id)
            .Select(e => new EvidenceView(e.Id, e.FileName, e.ContentType, e.Size, e.AddedAt, e.AddedByName)).ToListAsync(ct);
        return new IncidentView(incident.Number, incident.Title, incident.Product, incident.Module, incident.AffectedVersions, incident.Description,
            incident.StepsToReproduce, incident.ExpectedBehaviour, incident.ActualBehaviour, incident.Severity, incident.State, incident.DetectedOn,
            incident.ReporterName, incident.OwnerId, incident.OwnerName, incident.FixVersion, incident.DuplicateOfNumber, incident.Reason,
            incident.CreatedAt, incident.StateSince, IncidentStates.NextFrom(incident.State), history, tickets, evidence);
    }

    /// <summary>How many incidents are still open, counted up to <paramref name="cap"/>.</summary>
    public async Task<int> CountOpenAsync(int cap, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Incidents.Where(i => i.State != IncidentState.Closed && i.State != IncidentState.Rejected && i.State != IncidentState.Duplicate).Take(cap).CountAsync(ct);
    }

    /// <summary>One evidence file, for a staff download.</summary>
    public async Task<(string FileName, string ContentType, byte[] Bytes)?> EvidenceAsync(long id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await db.Set<IncidentEvidence>().AsNoTracking().Where(e => e.Id == id).Select(e => new { e.FileName, e.ContentType, e.Bytes }).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.FileName, found.ContentType, found.Bytes);
    }
}

public sealed record IncidentFilter(IncidentState? State = null, IncidentSeverity? Severity = null, string? Product = null, int? OlderThanDays = null, string? Query = null, bool OpenOnly = false);

public sealed record IncidentRow(long Id, string Number, string Title, string Product, string Module, IncidentSeverity Severity, IncidentState State,
    DateTimeOffset CreatedAt, DateTimeOffset StateSince, string? OwnerName, string? FixVersion, int Tickets);

public sealed record IncidentPage(IReadOnlyList<IncidentRow> Items, string? Next);

public sealed record IncidentEventView(DateTimeOffset At, string ActorName, IncidentEventKind Kind, string? From, string? To, string? Text);

public sealed record LinkedTicket(string Number, string Subject, TicketState State, int? CustomerId, string? CustomerName, string? AssigneeId, string? AssigneeName, Channel Channel);

public sealed record EvidenceView(long Id, string FileName, string ContentType, long Size, DateTimeOffset AddedAt, string AddedByName);

public sealed record IncidentView(
    string Number,
    string Title,
    string Product,
    string Module,
    string AffectedVersions,
    string Description,
    string StepsToReproduce,
    string ExpectedBehaviour,
    string ActualBehaviour,
    IncidentSeverity Severity,
    IncidentState State,
    DateOnly DetectedOn,
    string ReporterName,
    string? OwnerId,
    string? OwnerName,
    string? FixVersion,
    string? DuplicateOf,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset StateSince,
    IReadOnlyList<IncidentState> NextStates,
    IReadOnlyList<IncidentEventView> History,
    IReadOnlyList<LinkedTicket> Tickets,
    IReadOnlyList<EvidenceView> Evidence);
