using Ayuda.Infrastructure;

namespace Ayuda.Features.Customers;

/// <summary>An organisation the vendor supports: who it is, where to visit it, how it calls and writes, what it runs.</summary>
public sealed class Customer
{
    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary><see cref="Name"/> folded (lower case, no accents) for search.</summary>
    public string SearchName { get; private set; } = "";

    /// <summary>CUIT, 11 digits without separators, check digit verified.</summary>
    public string TaxId { get; private set; } = "";
    public string Notes { get; set; } = "";

    /// <summary>Language of the notifications the customer receives: "es" or "en".</summary>
    public string Language { get; set; } = "es";
    public DateTimeOffset CreatedAt { get; private set; }
    public List<SupportAgreement> Agreements { get; private set; } = [];
    public List<Contact> Contacts { get; private set; } = [];
    public List<CustomerAddress> Addresses { get; private set; } = [];
    public List<CustomerPhone> Phones { get; private set; } = [];
    public List<CustomerEmailDomain> EmailDomains { get; private set; } = [];
    public List<InstalledProduct> Products { get; private set; } = [];

    private Customer() { }

    public Customer(string name, string taxId, DateTimeOffset createdAt)
    {
        Rename(name);
        ChangeTaxId(taxId);
        CreatedAt = createdAt;
    }

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        SearchName = SearchText.Fold(Name);
    }

    public void ChangeTaxId(string taxId) =>
        TaxId = Cuit.Normalise(taxId) ?? throw new ArgumentException($"'{taxId}' is not a valid CUIT.", nameof(taxId));

    /// <summary>Replaces the lists edited together on the customer form.</summary>
    public void SetDetails(IEnumerable<CustomerAddress> addresses, IEnumerable<CustomerPhone> phones,
        IEnumerable<string> emailDomains, IEnumerable<InstalledProduct> products)
    {
        Replace(Addresses, addresses);
        Replace(Phones, phones.DistinctBy(p => p.Number));
        Replace(EmailDomains, emailDomains.Select(d => d.Trim().ToLowerInvariant()).Distinct().Select(d => new CustomerEmailDomain(d)));
        Replace(Products, products);
    }

    /// <summary>Whether any of its agreements is in force on <paramref name="today"/> (a date in the desk's time zone).</summary>
    public bool HasAgreementInForce(DateOnly today) => Agreements.Any(a => a.IsInForce(today));

    public SupportAgreement AddAgreement(DateOnly startsOn, DateOnly endsOn, AgreementStatus status)
    {
        var agreement = new SupportAgreement(startsOn, endsOn, status);
        Agreements.Add(agreement);
        return agreement;
    }

    private static void Replace<T>(List<T> target, IEnumerable<T> items)
    {
        var copy = items.ToList();
        target.Clear();
        target.AddRange(copy);
    }

    /// <summary>A version update was installed: the customer now runs <paramref name="version"/> of the product.</summary>
    public void InstallVersion(string product, string version)
    {
        var installed = Products.FirstOrDefault(p => string.Equals(p.Product, product, StringComparison.OrdinalIgnoreCase));
        if (installed is null)
        {
            Products.Add(new InstalledProduct { Product = product, Version = version });
        }
        else
        {
            installed.Version = version;
        }
    }
}

public sealed class CustomerAddress
{
    public string Label { get; set; } = "";
    public string Street { get; set; } = "";
    public string City { get; set; } = "";
    public string Province { get; set; } = "";
    public string PostalCode { get; set; } = "";

    public override string ToString() =>
        string.Join(", ", new[] { Street, City, Province, PostalCode }.Where(s => !string.IsNullOrWhiteSpace(s)));

}

public sealed class CustomerPhone
{
    /// <summary>E.164.</summary>
    public string Number { get; set; } = "";
    public string Label { get; set; } = "";
}

public sealed class CustomerEmailDomain(string domain)
{
    public string Domain { get; private set; } = domain;
}

public sealed class InstalledProduct
{
    public string Product { get; set; } = "";
    public string Version { get; set; } = "";
}
