using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Customers;

/// <summary>Field checks shared by the customer and contact use cases; messages name the offending value.</summary>
internal sealed class CustomerValidation(IStringLocalizer<Strings> l)
{
    /// <summary>Mail providers shared by many organisations: a sender from them says nothing about the customer.</summary>
    internal static readonly HashSet<string> PublicMailDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "hotmail.com", "hotmail.com.ar", "outlook.com", "outlook.com.ar", "live.com",
        "live.com.ar", "yahoo.com", "yahoo.com.ar", "icloud.com", "me.com", "aol.com", "protonmail.com", "proton.me",
        "fibertel.com.ar", "arnet.com.ar", "speedy.com.ar", "ciudad.com.ar",
    };

    public Dictionary<string, string[]> Errors { get; } = [];

    public void Add(string field, string message) =>
        Errors[field] = Errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public string? Name(string? name, string field = "name", int max = 200)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            Add(field, l["Customers.NameRequired"]);
            return null;
        }
        if (name.Trim().Length > max)
        {
            Add(field, l["Customers.NameTooLong", max]);
            return null;
        }
        return name.Trim();
    }

    public List<CustomerPhone> CustomerPhones(IReadOnlyList<CustomerPhone>? phones) =>
        (phones ?? []).Select(p => Phone(p.Number) is { } e164 ? new CustomerPhone { Number = e164, Label = Trim(p.Label, 60) } : null)
            .OfType<CustomerPhone>().ToList();

    public List<ContactPhone> ContactPhones(IReadOnlyList<ContactPhone>? phones) =>
        (phones ?? []).Select(p => Phone(p.Number) is { } e164 ? new ContactPhone { Number = e164, WhatsApp = p.WhatsApp, Label = Trim(p.Label, 60) } : null)
            .OfType<ContactPhone>().ToList();

    /// <summary>E.164 for a typed number; null for a blank row (skipped) or an invalid number (reported under "phones").</summary>
    private string? Phone(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }
        var e164 = Phones.Normalise(typed);
        if (e164 is null)
        {
            Add("phones", l["Customers.PhoneInvalid", typed]);
        }
        return e164;
    }

    public List<string> Emails(IReadOnlyList<string>? emails)
    {
        var result = new List<string>();
        foreach (var email in (emails ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()))
        {
            if (EmailAddresses.IsValid(email))
            {
                result.Add(email.ToLowerInvariant());
            }
            else
            {
                Add("emails", l["Customers.EmailInvalid", email]);
            }
        }
        return result;
    }

    public List<string> Domains(IReadOnlyList<string>? domains)
    {
        var result = new List<string>();
        foreach (var raw in (domains ?? []).Where(d => !string.IsNullOrWhiteSpace(d)))
        {
            var domain = raw.Trim().TrimStart('@').ToLowerInvariant();
            if (PublicMailDomains.Contains(domain))
            {
                Add("emailDomains", l["Customers.DomainPublic", domain]);
            }
            else if (domain.Length > 200 || !domain.Contains('.') || domain.StartsWith('.') || domain.EndsWith('.')
                     || !domain.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
            {
                Add("emailDomains", l["Customers.DomainInvalid", raw.Trim()]);
            }
            else
            {
                result.Add(domain);
            }
        }
        return result;
    }

    public List<CustomerAddress> Addresses(IReadOnlyList<CustomerAddress>? addresses)
    {
        var result = new List<CustomerAddress>();
        foreach (var a in addresses ?? [])
        {
            if (string.IsNullOrWhiteSpace(a.Street) && string.IsNullOrWhiteSpace(a.City))
            {
                continue;
            }
            if (string.IsNullOrWhiteSpace(a.Street))
            {
                Add("addresses", l["Customers.AddressStreetRequired", a.City]);
                continue;
            }
            result.Add(new CustomerAddress
            {
                Label = Trim(a.Label, 60), Street = Trim(a.Street, 200), City = Trim(a.City, 100),
                Province = Trim(a.Province, 100), PostalCode = Trim(a.PostalCode, 20),
            });
        }
        return result;
    }

    public List<InstalledProduct> Products(IReadOnlyList<InstalledProduct>? products)
    {
        var result = new List<InstalledProduct>();
        foreach (var p in products ?? [])
        {
            if (string.IsNullOrWhiteSpace(p.Product) && string.IsNullOrWhiteSpace(p.Version))
            {
                continue;
            }
            if (string.IsNullOrWhiteSpace(p.Product))
            {
                Add("products", l["Customers.ProductRequired", p.Version]);
                continue;
            }
            result.Add(new InstalledProduct { Product = Trim(p.Product, 120), Version = Trim(p.Version, 40) });
        }
        return result;
    }

    private static string Trim(string? value, int max)
    {
        var trimmed = value?.Trim() ?? "";
        return trimmed.Length > max ? trimmed[..max] : trimmed;
    }
}
