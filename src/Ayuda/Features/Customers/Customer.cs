namespace Ayuda.Features.Customers;

/// <summary>An organisation the vendor supports. Contacts, addresses and products arrive with the customers issue.</summary>
public sealed class Customer
{
    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>CUIT, 11 digits without separators, check digit verified.</summary>
    public string TaxId { get; private set; } = "";
    public string Notes { get; set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public List<SupportAgreement> Agreements { get; private set; } = [];

    private Customer() { }

    public Customer(string name, string taxId, DateTimeOffset createdAt)
    {
        Rename(name);
        TaxId = Cuit.Normalise(taxId) ?? throw new ArgumentException($"'{taxId}' is not a valid CUIT.", nameof(taxId));
        CreatedAt = createdAt;
    }

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    /// <summary>Whether any of its agreements is in force on <paramref name="today"/> (a date in the desk's time zone).</summary>
    public bool HasAgreementInForce(DateOnly today) => Agreements.Any(a => a.IsInForce(today));
}
