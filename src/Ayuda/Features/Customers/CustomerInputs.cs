namespace Ayuda.Features.Customers;

/// <summary>What the customer form and <c>POST/PUT /api/v1/customers</c> send. Phones may be typed in any common format.</summary>
public sealed record CustomerInput(
    string? Name,
    string? TaxId,
    string? Notes = null,
    string? Language = null,
    IReadOnlyList<CustomerAddress>? Addresses = null,
    IReadOnlyList<CustomerPhone>? Phones = null,
    IReadOnlyList<string>? EmailDomains = null,
    IReadOnlyList<InstalledProduct>? Products = null);

/// <summary>What the contact form and <c>POST /api/v1/customers/{id}/contacts</c> send.</summary>
public sealed record ContactInput(
    string? Name,
    string? Position = null,
    IReadOnlyList<string>? Emails = null,
    IReadOnlyList<ContactPhone>? Phones = null,
    bool? IsActive = null);

/// <summary>An agreement as the PM records it: <c>{"start":"2026-01-01","end":"2026-12-31","status":"active"}</c>.</summary>
public sealed record AgreementInput(DateOnly? Start, DateOnly? End, AgreementStatus? Status);
