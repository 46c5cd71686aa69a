using Ayuda.Data;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Customers;

/// <summary>Badges for a page of customers in one query (the agreements of those customers only).</summary>
public static class AgreementBadges
{
    public static async Task<Dictionary<int, AgreementBadge>> ForAsync(AyudaDb db, IEnumerable<int> customerIds, DateOnly today, CancellationToken ct)
    {
        var ids = customerIds.Distinct().ToArray();
        var agreements = await AgreementsOf.For(db)(db, ids).ToListAsync(ct);
        var byCustomer = agreements.ToLookup(a => a.CustomerId);
        return ids.ToDictionary(id => id, id => AgreementBadge.From(today, byCustomer[id]));
    }

    /// <summary>Compiled (<see cref="PerProvider{TQuery}"/>): a queue page asks for every one of its pages.</summary>
    private static readonly PerProvider<Func<AyudaDb, int[], IAsyncEnumerable<SupportAgreement>>> AgreementsOf = new(() =>
        EF.CompileAsyncQuery((AyudaDb db, int[] ids) => db.SupportAgreements.AsNoTracking().Where(a => ids.Contains(a.CustomerId))));

    /// <summary>One customer's badge; a ticket without a customer has none.</summary>
    public static async Task<AgreementBadge> ForAsync(AyudaDb db, int? customerId, DateOnly today, CancellationToken ct) =>
        customerId is { } id
            ? AgreementBadge.From(today, await db.SupportAgreements.AsNoTracking().Where(a => a.CustomerId == id).ToListAsync(ct))
            : AgreementBadge.None;
}
