using Ayuda.Data;
using Ayuda.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Feedback;

/// <summary>The register (filtered, newest first, keyset-paged), one entry, the entry of a ticket, and the complaints awaiting review.</summary>
public sealed class FeedbackQueries(IDbContextFactory<AyudaDb> contexts)
{
    public const int MaxPageSize = 200;
    private const int ExcerptLength = 160;

    public async Task<FeedbackPage> ListAsync(FeedbackFilter filter, string? cursor, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var entries = Filtered(db, filter);
        if (TicketQueries.Cursor.Parse(cursor) is var (at, id))
        {
            entries = entries.Where(f => f.RecordedAt < at || (f.RecordedAt == at && f.Id < id));
        }
        var rows = await Rows(db, entries.OrderByDescending(f => f.RecordedAt).ThenByDescending(f => f.Id).Take(limit + 1)).ToListAsync(ct);
        var page = rows.Take(limit).ToList();
        return new FeedbackPage(page, rows.Count > limit ? TicketQueries.Cursor.Format(page[^1].RecordedAt, page[^1].Id) : null);
    }

    /// <summary>Open complaints, oldest first: what the head of implementation has to review.</summary>
    public async Task<IReadOnlyList<FeedbackRow>> AwaitingReviewAsync(int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var open = db.FeedbackEntries.AsNoTracking().Where(f => f.State == FeedbackState.Open && f.Kind == FeedbackKind.Complaint);
        return await Rows(db, open.OrderBy(f => f.RecordedAt).ThenBy(f => f.Id).Take(Math.Clamp(limit, 1, MaxPageSize))).ToListAsync(ct);
    }

    /// <summary>How many complaints are still open, counted up to <paramref name="cap"/>.</summary>
    public async Task<int> CountAwaitingReviewAsync(int cap, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.FeedbackEntries.Where(f => f.State == FeedbackState.Open && f.Kind == FeedbackKind.Complaint).Take(cap).CountAsync(ct);
    }

    public async Task<FeedbackView?> GetAsync(string number, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await ViewAsync(db, db.FeedbackEntries.Where(f => f.Number == number), ct);
    }

    /// <summary>The entry recorded from this ticket, if any.</summary>
    public async Task<FeedbackView?> ForTicketAsync(string ticketNumber, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await ViewAsync(db, db.FeedbackEntries.Where(f => f.TicketNumber == ticketNumber), ct);
    }

    private static IQueryable<FeedbackEntry> Filtered(AyudaDb db, FeedbackFilter filter)
    {
        var entries = db.FeedbackEntries.AsNoTracking();
        if (filter.Kind is { } kind)
        {
            entries = entries.Where(f => f.Kind == kind);
        }
        if (filter.State is { } state)
        {
            entries = entries.Where(f => f.State == state);
        }
        if (filter.Category is { } category)
        {
            entries = entries.Where(f => f.Category == category);
        }
        if (filter.CustomerId is { } customerId)
        {
            entries = entries.Where(f => f.CustomerId == customerId);
        }
        return entries;
    }

    private static IQueryable<FeedbackRow> Rows(AyudaDb db, IQueryable<FeedbackEntry> entries) =>
        entries.Select(f => new FeedbackRow(f.Id, f.Number, f.Kind, f.Category, f.State, f.CustomerId,
            db.Customers.Where(c => c.Id == f.CustomerId).Select(c => c.Name).First(),
            f.Description.Length > ExcerptLength ? f.Description.Substring(0, ExcerptLength) + "…" : f.Description,
            f.ReceivedOn, f.RecordedAt, f.TicketNumber, f.Acknowledgement, f.Outcome != null));

    private static async Task<FeedbackView?> ViewAsync(AyudaDb db, IQueryable<FeedbackEntry> which, CancellationToken ct) =>
        await which.AsNoTracking().Select(f => new FeedbackView(f.Number, f.Kind, f.Category, f.State, f.CustomerId,
                db.Customers.Where(c => c.Id == f.CustomerId).Select(c => c.Name).First(),
                f.ContactId, db.Contacts.Where(c => c.Id == f.ContactId).Select(c => c.Name).FirstOrDefault(),
                f.Description, f.ReceivedOn, f.TicketNumber, f.RecordedByName, f.RecordedAt,
                f.Acknowledgement, f.AcknowledgedVia, f.AcknowledgedTo, f.AcknowledgementNote,
                f.Outcome, f.ReviewedByName, f.ReviewedAt, f.ClosedByName, f.ClosedAt, f.Version))
            .FirstOrDefaultAsync(ct);
}

public sealed record FeedbackFilter(FeedbackKind? Kind = null, FeedbackState? State = null, int? CustomerId = null, FeedbackCategory? Category = null);

public sealed record FeedbackRow(long Id, string Number, FeedbackKind Kind, FeedbackCategory Category, FeedbackState State, int CustomerId, string CustomerName,
    string Excerpt, DateOnly ReceivedOn, DateTimeOffset RecordedAt, string? TicketNumber, AcknowledgementState Acknowledgement, bool HasOutcome);

public sealed record FeedbackPage(IReadOnlyList<FeedbackRow> Items, string? Next);

/// <summary>One entry as its page and <c>GET /api/v1/feedback/{number}</c> show it.</summary>
public sealed record FeedbackView(
    string Number,
    FeedbackKind Kind,
    FeedbackCategory Category,
    FeedbackState State,
    int CustomerId,
    string CustomerName,
    int? ContactId,
    string? ContactName,
    string Description,
    DateOnly ReceivedOn,
    string? TicketNumber,
    string RecordedByName,
    DateTimeOffset RecordedAt,
    AcknowledgementState Acknowledgement,
    Channel? AcknowledgedVia,
    string? AcknowledgedTo,
    string? AcknowledgementNote,
    string? Outcome,
    string? ReviewedByName,
    DateTimeOffset? ReviewedAt,
    string? ClosedByName,
    DateTimeOffset? ClosedAt,
    int Version);
