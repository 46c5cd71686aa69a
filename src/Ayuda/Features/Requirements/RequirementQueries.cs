using Ayuda.Data;
using Ayuda.Features.Customers;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Requirements;

public sealed record RequirementRow(long Id, string TicketNumber, string TicketSubject, int CustomerId, string CustomerName, string GatheredByName,
    DateTimeOffset GatheredAt, RequirementState State, int FileCount);

public sealed record RequirementPage(IReadOnlyList<RequirementRow> Items, string? Next);

/// <summary>The meeting where the requirement was gathered.</summary>
public sealed record RequirementMeeting(long Id, Meetings.MeetingKind Kind, DateTimeOffset Start, string Title);

/// <summary>A file to read: <see cref="Url"/> downloads it through the API; the pages use <see cref="PageUrl"/>.</summary>
public sealed record RequirementFileView(long Id, string FileName, string ContentType, long Size, string Url, string PageUrl);

/// <summary>A requirement as the Project Manager reads it: the customer, the notes, and every file (its own and the ticket's).</summary>
public sealed record RequirementView(long Id, string TicketNumber, string TicketSubject, CustomerRef Customer, string? ContactName, RequirementMeeting? Meeting,
    string Notes, string GatheredByName, DateTimeOffset GatheredAt, RequirementState State, string? Comment, string? ReviewedByName,
    DateTimeOffset? ReviewedAt, IReadOnlyList<RequirementFileView> Files, IReadOnlyList<RequirementFileView> TicketAttachments);

/// <summary>Reads of requirements: the Project Manager's queue (keyset-paged), one requirement, a ticket's.</summary>
public sealed class RequirementQueries(IDbContextFactory<AyudaDb> contexts, DeskClock desk)
{
    public const int MaxPageSize = 200;

    /// <summary>Oldest first, so nothing waits forever; <paramref name="state"/> null means every state.</summary>
    public async Task<RequirementPage> ListAsync(RequirementState? state, string? cursor, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var requirements = db.Requirements.AsNoTracking();
        if (state is { } s)
        {
            requirements = requirements.Where(r => r.State == s);
        }
        if (TicketQueries.Cursor.Parse(cursor) is var (at, id))
        {
            requirements = requirements.Where(r => r.GatheredAt > at || (r.GatheredAt == at && r.Id > id));
        }
        var rows = await requirements.OrderBy(r => r.GatheredAt).ThenBy(r => r.Id).Take(limit + 1)
            .Select(r => new RequirementRow(r.Id, r.Ticket!.Number, r.Ticket.Subject, r.CustomerId,
                db.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.Name).First(), r.GatheredByName, r.GatheredAt, r.State, r.Files.Count))
            .ToListAsync(ct);
        var page = rows.Take(limit).ToList();
        return new RequirementPage(page, rows.Count > limit ? TicketQueries.Cursor.Format(page[^1].GatheredAt, page[^1].Id) : null);
    }

    public async Task<int> CountNewAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Requirements.CountAsync(r => r.State == RequirementState.New, ct);
    }

    public async Task<RequirementView?> GetAsync(long id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var r = await db.Requirements.AsNoTracking().Include(x => x.Ticket).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return null;
        }
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == r.CustomerId).Select(c => new { c.Id, c.Name, c.TaxId }).FirstAsync(ct);
        var contact = r.Ticket!.ContactId is { } contactId ? await db.Contacts.Where(c => c.Id == contactId).Select(c => c.Name).FirstOrDefaultAsync(ct) : null;
        var meeting = r.MeetingId is { } meetingId
            ? await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => new RequirementMeeting(m.Id, m.Kind, m.Start, m.Title)).FirstOrDefaultAsync(ct)
            : null;
        var files = await db.RequirementFiles.AsNoTracking().Where(f => f.RequirementId == id).OrderBy(f => f.Id)
            .Select(f => new RequirementFileView(f.Id, f.FileName, f.ContentType, f.Size, "/api/v1/requirements/files/" + f.Id, "/files/requirements/" + f.Id)).ToListAsync(ct);
        var attachments = await db.Attachments.AsNoTracking()
            .Where(a => !a.Inline && db.TicketMessages.Any(m => m.Id == a.TicketMessageId && m.TicketId == r.TicketId))
            .OrderBy(a => a.Id).Take(200)
            .Select(a => new RequirementFileView(a.Id, a.FileName, a.ContentType, a.Size, "/api/v1/attachments/" + a.Id, "/files/attachments/" + a.Id)).ToListAsync(ct);
        return new RequirementView(r.Id, r.Ticket.Number, r.Ticket.Subject,
            new CustomerRef(customer.Id, customer.Name, customer.TaxId, await AgreementBadges.ForAsync(db, customer.Id, desk.Today, ct)),
            contact, meeting, r.Notes, r.GatheredByName, r.GatheredAt, r.State, r.Comment, r.ReviewedByName, r.ReviewedAt, files, attachments);
    }

    /// <summary>A ticket's requirements, newest first (a few at most).</summary>
    public async Task<IReadOnlyList<RequirementRow>> ForTicketAsync(string number, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Requirements.AsNoTracking().Where(r => r.Ticket!.Number == number).OrderByDescending(r => r.Id).Take(20)
            .Select(r => new RequirementRow(r.Id, r.Ticket!.Number, r.Ticket.Subject, r.CustomerId,
                db.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.Name).First(), r.GatheredByName, r.GatheredAt, r.State, r.Files.Count))
            .ToListAsync(ct);
    }

    public async Task<(string FileName, byte[] Bytes)?> FileAsync(long id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await db.RequirementFiles.AsNoTracking().Where(f => f.Id == id).Select(f => new { f.FileName, f.Bytes }).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.FileName, found.Bytes);
    }
}
