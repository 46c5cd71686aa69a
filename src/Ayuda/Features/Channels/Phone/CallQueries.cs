using Ayuda.Data;
using Ayuda.Features.Customers;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Channels.Phone;

/// <summary>The call log, newest first, paged by keyset; and the call-backs, soonest due first.</summary>
public sealed class CallQueries(IDbContextFactory<AyudaDb> contexts, DeskClock desk)
{
    public const int MaxPageSize = 200;

    public async Task<CallView?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var page = await RowsAsync(db, db.Calls.Where(c => c.Id == id), 1, cancellationToken);
        return page.FirstOrDefault();
    }

    public async Task<CallPage> ListAsync(CallFilter filter, string? cursor, int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var calls = db.Calls.AsNoTracking();
        if (filter.State is { } state)
        {
            calls = calls.Where(c => c.State == state);
        }
        if (filter.CustomerId is { } customerId)
        {
            calls = calls.Where(c => c.CustomerId == customerId);
        }
        if (filter.Unregistered)
        {
            calls = calls.Where(c => c.TicketId == null);
        }
        if (Phones.Normalise(filter.Number) is { } number)
        {
            calls = calls.Where(c => c.Number == number);
        }
        if (TicketQueries.Cursor.Parse(cursor) is var (at, id))
        {
            calls = calls.Where(c => c.StartedAt < at || (c.StartedAt == at && c.Id < id));
        }
        calls = calls.OrderByDescending(c => c.StartedAt).ThenByDescending(c => c.Id);
        var rows = await RowsAsync(db, calls, limit + 1, cancellationToken);
        var page = rows.Take(limit).ToList();
        return new CallPage(page, rows.Count > limit ? TicketQueries.Cursor.Format(page[^1].StartedAt, page[^1].Id) : null);
    }

    private async Task<List<CallView>> RowsAsync(AyudaDb db, IQueryable<Call> calls, int take, CancellationToken ct)
    {
        var rows = await calls.Take(take).Select(c => new
        {
            Call = c,
            CustomerName = db.Customers.Where(x => x.Id == c.CustomerId).Select(x => x.Name).FirstOrDefault(),
            ContactName = db.Contacts.Where(x => x.Id == c.ContactId).Select(x => x.Name).FirstOrDefault(),
            TicketNumber = c.Ticket == null ? null : c.Ticket.Number,
        }).AsNoTracking().ToListAsync(ct);
        var badges = await AgreementBadges.ForAsync(db, rows.Where(r => r.Call.CustomerId is not null).Select(r => r.Call.CustomerId!.Value), desk.Today, ct);
        return [.. rows.Select(r => new CallView(r.Call.Id, r.Call.ExternalId, r.Call.Direction, r.Call.State, r.Call.Number, r.Call.DeskLine,
            r.Call.StartedAt, r.Call.AnsweredAt, r.Call.EndedAt, r.Call.DurationSeconds, r.Call.CustomerId, r.CustomerName, r.Call.ContactId, r.ContactName,
            r.Call.CustomerId is { } id ? badges[id] : AgreementBadge.None,
            r.Call.TakenById, r.Call.TakenByName, r.TicketNumber))];
    }

    /// <summary>Call-backs: open ones soonest due first (the overdue on top), or the done ones most recent first.</summary>
    public async Task<IReadOnlyList<CallBackView>> CallBacksAsync(CallBackFilter filter, int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var callBacks = db.CallBacks.AsNoTracking();
        if (filter.OwnerId is { } owner)
        {
            callBacks = callBacks.Where(c => c.OwnerId == owner);
        }
        if (filter.TicketNumber is { } number)
        {
            callBacks = callBacks.Where(c => c.Ticket!.Number == number);
        }
        callBacks = filter.Open switch
        {
            true => callBacks.Where(c => c.DoneAt == null).OrderBy(c => c.DueAt).ThenBy(c => c.Id),
            false => callBacks.Where(c => c.DoneAt != null).OrderByDescending(c => c.DoneAt).ThenByDescending(c => c.Id),
            null => callBacks.OrderBy(c => c.DoneAt != null).ThenBy(c => c.DueAt).ThenBy(c => c.Id),
        };
        var now = desk.UtcNow;
        var rows = await callBacks.Take(limit).Select(c => new
        {
            c.Id, c.DueAt, c.Number, c.Note, c.OwnerId, c.OwnerName, c.CreatedAt, c.CreatedByName, c.DoneAt, c.Outcome, c.DoneByName,
            TicketNumber = c.Ticket!.Number, c.Ticket.Subject, c.Ticket.CustomerId,
            CustomerName = db.Customers.Where(x => x.Id == c.Ticket.CustomerId).Select(x => x.Name).FirstOrDefault(),
            ContactName = db.Contacts.Where(x => x.Id == c.Ticket.ContactId).Select(x => x.Name).FirstOrDefault(),
        }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new CallBackView(r.Id, r.TicketNumber, r.Subject, r.CustomerId, r.CustomerName, r.ContactName, r.Number, r.DueAt,
            r.DoneAt is null && r.DueAt < now, r.Note, r.OwnerId, r.OwnerName, r.CreatedAt, r.CreatedByName, r.DoneAt, r.Outcome, r.DoneByName))];
    }
}

public sealed record CallFilter(CallState? State = null, int? CustomerId = null, bool Unregistered = false, string? Number = null);

public sealed record CallView(
    long Id,
    string? CallId,
    CallDirection Direction,
    CallState State,
    string Number,
    string DeskLine,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    int? DurationSeconds,
    int? CustomerId,
    string? CustomerName,
    int? ContactId,
    string? ContactName,
    AgreementBadge Agreement,
    string? TakenById,
    string? TakenByName,
    string? TicketNumber);

public sealed record CallPage(IReadOnlyList<CallView> Items, string? Next);

public sealed record CallBackFilter(string? OwnerId = null, bool? Open = true, string? TicketNumber = null);

public sealed record CallBackView(
    long Id,
    string TicketNumber,
    string Subject,
    int? CustomerId,
    string? CustomerName,
    string? ContactName,
    string Number,
    DateTimeOffset DueAt,
    bool Overdue,
    string Note,
    string OwnerId,
    string OwnerName,
    DateTimeOffset CreatedAt,
    string CreatedByName,
    DateTimeOffset? DoneAt,
    string? Outcome,
    string? DoneByName);
