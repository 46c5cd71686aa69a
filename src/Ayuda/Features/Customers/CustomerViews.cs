namespace Ayuda.Features.Customers;

public sealed record CustomerRow(int Id, string Name, string TaxId, AgreementBadge Agreement);

public sealed record CustomerDetail(
    int Id,
    string Name,
    string TaxId,
    string Notes,
    string Language,
    AgreementBadge Agreement,
    IReadOnlyList<CustomerAddress> Addresses,
    IReadOnlyList<CustomerPhone> Phones,
    IReadOnlyList<string> EmailDomains,
    IReadOnlyList<InstalledProduct> Products,
    IReadOnlyList<ContactView> Contacts,
    IReadOnlyList<AgreementView> Agreements);

public sealed record ContactView(int Id, int CustomerId, string Name, string Position, bool IsActive,
    IReadOnlyList<string> Emails, IReadOnlyList<ContactPhone> Phones)
{
    public static ContactView From(Contact c) =>
        new(c.Id, c.CustomerId, c.Name, c.Position, c.IsActive, c.Emails.Select(e => e.Address).ToList(), c.Phones.ToList());
}

public sealed record AgreementView(int Id, DateOnly Start, DateOnly End, AgreementStatus Status, bool InForce)
{
    public static AgreementView From(SupportAgreement a, DateOnly today) => new(a.Id, a.StartsOn, a.EndsOn, a.Status, a.IsInForce(today));
}

/// <summary>A search-as-you-type result: the customer card with its badge and contacts; the matched contact first.</summary>
public sealed record CustomerMatch(int Id, string Name, string TaxId, AgreementBadge Agreement,
    IReadOnlyList<ContactView> Contacts, int? MatchedContactId, IReadOnlyList<CustomerPhone> Phones);

/// <summary>An agreement in force that ends soon: the Project Manager renews it before the customer loses assistance.</summary>
public sealed record ExpiringAgreement(int CustomerId, string CustomerName, int AgreementId, DateOnly Start, DateOnly End, int DaysLeft);
