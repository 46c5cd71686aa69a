namespace Ayuda.Features.Customers;

/// <summary>What every place that shows a customer says about its agreement.</summary>
public sealed record AgreementBadge(AgreementBadgeKind Kind, DateOnly? Date)
{
    /// <summary>No customer, or a customer with no agreement at all.</summary>
    public static readonly AgreementBadge None = new(AgreementBadgeKind.None, null);

    public static AgreementBadge From(DateOnly today, DateOnly? inForceUntil, DateOnly? latestEnd, AgreementStatus? latestStatus) =>
        inForceUntil is { } until ? new(AgreementBadgeKind.InForce, until)
        : latestStatus is null ? None
        : latestStatus == AgreementStatus.Active && latestEnd >= today ? new(AgreementBadgeKind.NotStarted, latestEnd)
        : latestStatus == AgreementStatus.Suspended ? new(AgreementBadgeKind.Suspended, latestEnd)
        : latestStatus == AgreementStatus.Cancelled ? new(AgreementBadgeKind.Cancelled, latestEnd)
        : new(AgreementBadgeKind.Expired, latestEnd);

    public static AgreementBadge From(DateOnly today, IEnumerable<SupportAgreement> agreements)
    {
        var list = agreements.ToList();
        var latest = list.OrderByDescending(a => a.EndsOn).FirstOrDefault();
        return From(today, list.Where(a => a.IsInForce(today)).Max(a => (DateOnly?)a.EndsOn), latest?.EndsOn, latest?.Status);
    }

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
