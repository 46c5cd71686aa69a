using Ayuda.Data;
using Ayuda.Infrastructure;
using Ayuda.Features.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Customers;

/// <summary>Reads of customers with the state of their agreement, computed for the desk's today.</summary>
public sealed class CustomerQueries(IDbContextFactory<AyudaDb> contexts, TimeProvider clock, IOptions<AyudaOptions> options)
{
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), options.Value.DeskTimeZone).DateTime);

    public async Task<Page<CustomerRow>> ListAsync(string? search, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        pageNumber = Math.Max(1, pageNumber);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var today = Today;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var customers = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            var digits = new string(term.Where(char.IsAsciiDigit).ToArray());
            customers = digits.Length >= 4
                ? customers.Where(c => c.TaxId.Contains(digits) || c.Name.ToUpper().Contains(term.ToUpper()))
                : customers.Where(c => c.Name.ToUpper().Contains(term.ToUpper()));
        }
        var total = await customers.CountAsync(cancellationToken);
        var rows = await customers
            .OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Skip((pageNumber - 1) * pageSize).Take(pageSize)
            .Select(c => new
            {
                c.Id,
                c.Name,
                c.TaxId,
                InForceUntil = c.Agreements
                    .Where(a => a.Status == AgreementStatus.Active && a.StartsOn <= today && a.EndsOn >= today)
                    .Max(a => (DateOnly?)a.EndsOn),
                Latest = c.Agreements.OrderByDescending(a => a.EndsOn).Select(a => new { a.EndsOn, a.Status }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new CustomerRow(r.Id, r.Name, r.TaxId,
            AgreementBadge.From(today, r.InForceUntil, r.Latest?.EndsOn, r.Latest?.Status))).ToList();
        return new Page<CustomerRow>(items, total, pageNumber, pageSize);
    }

    /// <summary>How many customers have no agreement in force today (the Project Manager's concern).</summary>
    public async Task<int> CountWithoutAgreementInForceAsync(CancellationToken cancellationToken)
    {
        var today = Today;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Customers.CountAsync(c => !c.Agreements.Any(a =>
            a.Status == AgreementStatus.Active && a.StartsOn <= today && a.EndsOn >= today), cancellationToken);
    }
}

public sealed record CustomerRow(int Id, string Name, string TaxId, AgreementBadge Agreement);

/// <summary>What every place that shows a customer says about its agreement.</summary>
public sealed record AgreementBadge(AgreementBadgeKind Kind, DateOnly? Date)
{
    public static AgreementBadge From(DateOnly today, DateOnly? inForceUntil, DateOnly? latestEnd, AgreementStatus? latestStatus) =>
        inForceUntil is { } until ? new(AgreementBadgeKind.InForce, until)
        : latestStatus is null ? new(AgreementBadgeKind.None, null)
        : latestStatus == AgreementStatus.Active && latestEnd >= today ? new(AgreementBadgeKind.NotStarted, latestEnd)
        : latestStatus == AgreementStatus.Suspended ? new(AgreementBadgeKind.Suspended, latestEnd)
        : latestStatus == AgreementStatus.Cancelled ? new(AgreementBadgeKind.Cancelled, latestEnd)
        : new(AgreementBadgeKind.Expired, latestEnd);

    public bool InForce => Kind == AgreementBadgeKind.InForce;
}

public enum AgreementBadgeKind
{
    InForce,
    Expired,
    Suspended,
    Cancelled,
    NotStarted,
    None,
}
