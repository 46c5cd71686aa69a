using Ayuda.Data;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Customers;

/// <summary>Reads of customers with the state of their agreement, computed for the desk's today.</summary>
public sealed class CustomerQueries(IDbContextFactory<AyudaDb> contexts, DeskClock desk)
{
    public const int MaxMatches = 8;

    public DateOnly Today => desk.Today;

    public async Task<Page<CustomerRow>> ListAsync(string? search, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        pageNumber = Math.Max(1, pageNumber);
        pageSize = Math.Clamp(pageSize, 1, 200);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var customers = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var ids = await MatchIdsAsync(db, search, 500, cancellationToken);
            var customerIds = ids.Select(m => m.CustomerId).Distinct().ToList();
            customers = customers.Where(c => customerIds.Contains(c.Id));
        }
        var total = await customers.CountAsync(cancellationToken);
        var rows = await customers
            .OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Skip((pageNumber - 1) * pageSize).Take(pageSize)
            .Select(c => new { c.Id, c.Name, c.TaxId })
            .ToListAsync(cancellationToken);
        var badges = await AgreementBadges.ForAsync(db, rows.Select(r => r.Id), desk.Today, cancellationToken);
        var items = rows.Select(r => new CustomerRow(r.Id, r.Name, r.TaxId, badges[r.Id])).ToList();
        return new Page<CustomerRow>(items, total, pageNumber, pageSize);
    }

    /// <summary>Search as you type, by name, CUIT, phone (any formatting), contact name, email or domain.</summary>
    public async Task<IReadOnlyList<CustomerMatch>> SearchAsync(string? query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query) || query.Trim().Length < 2)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var matches = await MatchIdsAsync(db, query, MaxMatches * 3, cancellationToken);
        var order = matches.Select(m => m.CustomerId).Distinct().Take(MaxMatches).ToList();
        var customers = await db.Customers.AsNoTracking().AsSplitQuery()
            .Include(c => c.Agreements).Include(c => c.Contacts)
            .Where(c => order.Contains(c.Id))
            .ToListAsync(cancellationToken);
        var today = desk.Today;
        return order.Select(id => customers.First(c => c.Id == id)).Select(c =>
        {
            var matched = matches.FirstOrDefault(m => m.CustomerId == c.Id && m.ContactId is not null).ContactId;
            var contacts = c.Contacts.Where(x => x.IsActive || x.Id == matched)
                .OrderBy(x => x.Id == matched ? 0 : 1).ThenBy(x => x.Name)
                .Select(ContactView.From).ToList();
            return new CustomerMatch(c.Id, c.Name, c.TaxId, AgreementBadge.From(today, c.Agreements), contacts, matched, c.Phones);
        }).ToList();
    }

    public async Task<CustomerDetail?> GetAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var c = await db.Customers.AsNoTracking().AsSplitQuery()
            .Include(x => x.Agreements).Include(x => x.Contacts)
            .FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null)
        {
            return null;
        }
        var today = desk.Today;
        return new CustomerDetail(c.Id, c.Name, c.TaxId, c.Notes, c.Language, AgreementBadge.From(today, c.Agreements),
            c.Addresses, c.Phones, c.EmailDomains.Select(d => d.Domain).ToList(), c.Products,
            c.Contacts.OrderBy(x => !x.IsActive).ThenBy(x => x.Name).Select(ContactView.From).ToList(),
            c.Agreements.OrderByDescending(a => a.EndsOn).Select(a => AgreementView.From(a, today)).ToList());
    }

    /// <summary>Agreements in force today whose end falls within the next <paramref name="days"/> days, soonest first.</summary>
    public async Task<IReadOnlyList<ExpiringAgreement>> ExpiringAsync(int days, CancellationToken cancellationToken)
    {
        var today = desk.Today;
        var until = today.AddDays(Math.Clamp(days, 1, 366));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.SupportAgreements.AsNoTracking()
            .Where(a => a.Status == AgreementStatus.Active && a.StartsOn <= today && a.EndsOn >= today && a.EndsOn <= until)
            // A renewal already recorded (an active agreement that starts after this one) means nothing to chase.
            .Where(a => !db.SupportAgreements.Any(r => r.CustomerId == a.CustomerId && r.Status == AgreementStatus.Active && r.EndsOn > a.EndsOn))
            .Join(db.Customers, a => a.CustomerId, c => c.Id, (a, c) => new { a.Id, a.StartsOn, a.EndsOn, c.Name, CustomerId = c.Id })
            .OrderBy(x => x.EndsOn).ThenBy(x => x.Name)
            .Take(500)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ExpiringAgreement(r.CustomerId, r.Name, r.Id, r.StartsOn, r.EndsOn, r.EndsOn.DayNumber - today.DayNumber)).ToList();
    }

    /// <summary>How many customers have no agreement in force today (the Project Manager's concern).</summary>
    public async Task<int> CountWithoutAgreementInForceAsync(CancellationToken cancellationToken)
    {
        var today = desk.Today;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Customers.CountAsync(c => !c.Agreements.Any(a =>
            a.Status == AgreementStatus.Active && a.StartsOn <= today && a.EndsOn >= today), cancellationToken);
    }

    private static async Task<List<(int CustomerId, int? ContactId)>> MatchIdsAsync(AyudaDb db, string query, int limit, CancellationToken ct)
    {
        var text = query.Trim();
        var folded = SearchText.Fold(text);
        var digits = SearchText.Digits(text);
        var found = new List<(int, int?)>();
        if (text.Contains('@'))
        {
            var email = text.ToLowerInvariant();
            var byEmail = await db.Contacts.AsNoTracking().Where(c => c.Emails.Any(e => e.Address.StartsWith(email)))
                .OrderBy(c => c.Id).Select(c => new { c.CustomerId, c.Id }).Take(limit).ToListAsync(ct);
            found.AddRange(byEmail.Select(c => (c.CustomerId, (int?)c.Id)));
            var domain = email[(email.IndexOf('@') + 1)..];
            if (domain.Contains('.'))
            {
                found.AddRange((await db.Customers.AsNoTracking().Where(c => c.EmailDomains.Any(d => d.Domain == domain))
                    .OrderBy(c => c.Id).Select(c => c.Id).Take(limit).ToListAsync(ct)).Select(id => (id, (int?)null)));
            }
            return found;
        }
        if (digits.Length >= 4 && digits.Length >= folded.Count(char.IsLetterOrDigit) - 1)
        {
            if (digits.Length == 11 && Cuit.Normalise(digits) is { } cuit)
            {
                found.AddRange((await db.Customers.AsNoTracking().Where(c => c.TaxId == cuit).Select(c => c.Id).ToListAsync(ct))
                    .Select(id => (id, (int?)null)));
            }
            if (Phones.Normalise(text) is { } e164)
            {
                found.AddRange((await db.Contacts.AsNoTracking().Where(c => c.Phones.Any(p => p.Number == e164))
                    .OrderBy(c => c.Id).Select(c => new { c.CustomerId, c.Id }).Take(limit).ToListAsync(ct)).Select(c => (c.CustomerId, (int?)c.Id)));
                found.AddRange((await db.Customers.AsNoTracking().Where(c => c.Phones.Any(p => p.Number == e164))
                    .OrderBy(c => c.Id).Select(c => c.Id).Take(limit).ToListAsync(ct)).Select(id => (id, (int?)null)));
            }
            if (digits.Length >= 6)
            {
                // A partial number ("4567-8901") or the CUIT without its check digit: match the ending / a part.
                var tail = digits.Length > 10 ? digits[^10..] : digits;
                found.AddRange((await db.Contacts.AsNoTracking().Where(c => c.Phones.Any(p => p.Number.EndsWith(tail)))
                    .OrderBy(c => c.Id).Select(c => new { c.CustomerId, c.Id }).Take(limit).ToListAsync(ct)).Select(c => (c.CustomerId, (int?)c.Id)));
                found.AddRange((await db.Customers.AsNoTracking()
                    .Where(c => c.Phones.Any(p => p.Number.EndsWith(tail)) || c.TaxId.Contains(digits))
                    .OrderBy(c => c.Id).Select(c => c.Id).Take(limit).ToListAsync(ct)).Select(id => (id, (int?)null)));
            }
            return found;
        }
        found.AddRange((await db.Customers.AsNoTracking().Where(c => c.SearchName.Contains(folded))
            .OrderBy(c => c.SearchName.StartsWith(folded) ? 0 : 1).ThenBy(c => c.Name)
            .Select(c => c.Id).Take(limit).ToListAsync(ct)).Select(id => (id, (int?)null)));
        found.AddRange((await db.Contacts.AsNoTracking().Where(c => c.SearchName.Contains(folded))
            .OrderBy(c => c.Name).ThenBy(c => c.Id).Select(c => new { c.CustomerId, c.Id }).Take(limit).ToListAsync(ct))
            .Select(c => (c.CustomerId, (int?)c.Id)));
        if (folded.Contains('.'))
        {
            found.AddRange((await db.Customers.AsNoTracking().Where(c => c.EmailDomains.Any(d => d.Domain.StartsWith(folded)))
                .OrderBy(c => c.Id).Select(c => c.Id).Take(limit).ToListAsync(ct)).Select(id => (id, (int?)null)));
        }
        return found;
    }
}
