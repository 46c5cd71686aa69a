using Ayuda.Data;
using Ayuda.Features.Customers;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Intake;

/// <summary>Who is getting in touch: a contact by email or phone, else a customer by email domain or phone; null when unknown or ambiguous.</summary>
public static class IdentifySender
{
    public sealed record Sender(int CustomerId, int? ContactId, string CustomerName);

    public static async Task<Sender?> FromAddressAsync(AyudaDb db, string? from, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(from))
        {
            return null;
        }
        var text = from.Trim();
        if (text.Contains('@'))
        {
            var email = text.ToLowerInvariant();
            var contacts = await db.Contacts.AsNoTracking().Where(c => c.Emails.Any(e => e.Address == email))
                .OrderBy(c => c.IsActive ? 0 : 1).Select(c => new { c.Id, c.CustomerId }).Take(10).ToListAsync(ct);
            if (contacts.Select(c => c.CustomerId).Distinct().Count() == 1)
            {
                return await SenderAsync(db, contacts[0].CustomerId, contacts.Count == 1 ? contacts[0].Id : null, ct);
            }
            var domain = email[(email.LastIndexOf('@') + 1)..];
            var byDomain = await db.Customers.AsNoTracking().Where(c => c.EmailDomains.Any(d => d.Domain == domain))
                .OrderBy(c => c.Id).Select(c => c.Id).Take(2).ToListAsync(ct);
            return byDomain.Count == 1 ? await SenderAsync(db, byDomain[0], null, ct) : null;
        }
        if (Phones.Normalise(text) is not { } e164)
        {
            return null;
        }
        var byPhone = await db.Contacts.AsNoTracking().Where(c => c.Phones.Any(p => p.Number == e164))
            .OrderBy(c => c.IsActive ? 0 : 1).Select(c => new { c.Id, c.CustomerId }).Take(10).ToListAsync(ct);
        if (byPhone.Select(c => c.CustomerId).Distinct().Count() == 1)
        {
            return await SenderAsync(db, byPhone[0].CustomerId, byPhone.Count == 1 ? byPhone[0].Id : null, ct);
        }
        var customers = await db.Customers.AsNoTracking().Where(c => c.Phones.Any(p => p.Number == e164)).OrderBy(c => c.Id).Select(c => c.Id).Take(2).ToListAsync(ct);
        return customers.Count == 1 ? await SenderAsync(db, customers[0], null, ct) : null;
    }

    private static async Task<Sender> SenderAsync(AyudaDb db, int customerId, int? contactId, CancellationToken ct) =>
        new(customerId, contactId, await db.Customers.Where(c => c.Id == customerId).Select(c => c.Name).FirstAsync(ct));
}
