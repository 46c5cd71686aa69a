using Ayuda.Data;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Channels;

/// <summary>What Administration reviews: messages that could not be imported, and those ignored as automatic or bounces.</summary>
public sealed class QuarantineQueries(IDbContextFactory<AyudaDb> contexts)
{
    public sealed record Row(long Id, Tickets.Channel Channel, DateTimeOffset ReceivedAt, string Source, string From, string Subject,
        InboundOutcome Outcome, string? Reason, bool HasRaw);

    public async Task<IReadOnlyList<Row>> ListAsync(int limit, CancellationToken cancellationToken, InboundOutcome outcome = InboundOutcome.Quarantined)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.InboundMessages.AsNoTracking().Where(m => m.Outcome == outcome)
            .OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id).Take(Math.Clamp(limit, 1, 500))
            .Select(m => new Row(m.Id, m.Channel, m.ReceivedAt, m.Source, m.From, m.Subject, m.Outcome, m.Reason, m.Raw != null && m.Raw.Length > 0))
            .ToListAsync(cancellationToken);
    }

    public async Task<byte[]?> RawAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.InboundMessages.AsNoTracking().Where(m => m.Id == id).Select(m => m.Raw).FirstOrDefaultAsync(cancellationToken);
    }
}
