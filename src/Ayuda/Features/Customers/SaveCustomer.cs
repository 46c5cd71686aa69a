using Ayuda.Data;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Customers;

/// <summary>Creates or updates a customer with its addresses, phones, email domains and products.</summary>
public sealed class SaveCustomer(
    IDbContextFactory<AyudaDb> contexts,
    CustomerQueries queries,
    TimeProvider clock,
    IStringLocalizer<Strings> l,
    ILogger<SaveCustomer> logger)
{
    public Task<Outcome<CustomerDetail>> CreateAsync(CustomerInput input, CancellationToken cancellationToken) =>
        SaveAsync(null, input, cancellationToken);

    public Task<Outcome<CustomerDetail>> UpdateAsync(int id, CustomerInput input, CancellationToken cancellationToken) =>
        SaveAsync(id, input, cancellationToken);

    private async Task<Outcome<CustomerDetail>> SaveAsync(int? id, CustomerInput input, CancellationToken cancellationToken, bool retried = false)
    {
        var check = new CustomerValidation(l);
        var name = check.Name(input.Name);
        var taxId = Cuit.Normalise(input.TaxId);
        if (string.IsNullOrWhiteSpace(input.TaxId))
        {
            check.Add("taxId", l["Customers.TaxIdRequired"]);
        }
        else if (taxId is null)
        {
            check.Add("taxId", l["Customers.TaxIdInvalid", input.TaxId]);
        }
        var language = input.Language?.Trim().ToLowerInvariant() ?? "es";
        if (language is not ("es" or "en"))
        {
            check.Add("language", l["Customers.LanguageUnknown", input.Language!]);
        }
        var addresses = check.Addresses(input.Addresses);
        var phones = check.CustomerPhones(input.Phones);
        var domains = check.Domains(input.EmailDomains);
        var products = check.Products(input.Products);
        if ((input.Notes?.Length ?? 0) > 4000)
        {
            check.Add("notes", l["Customers.NotesTooLong", 4000]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (taxId is not null && await db.Customers.AnyAsync(c => c.TaxId == taxId && c.Id != id, cancellationToken))
        {
            var other = await db.Customers.Where(c => c.TaxId == taxId).Select(c => c.Name).FirstAsync(cancellationToken);
            check.Add("taxId", l["Customers.TaxIdTaken", Cuit.Format(taxId), other]);
        }
        foreach (var domain in domains)
        {
            var owner = await db.Customers.Where(c => c.Id != id && c.EmailDomains.Any(d => d.Domain == domain))
                .Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
            if (owner is not null)
            {
                check.Add("emailDomains", l["Customers.DomainTaken", domain, owner]);
            }
        }
        if (check.Errors.Count > 0)
        {
            return Outcome<CustomerDetail>.Invalid(check.Errors);
        }

        Customer customer;
        if (id is { } existingId)
        {
            var found = await db.Customers.FirstOrDefaultAsync(c => c.Id == existingId, cancellationToken);
            if (found is null)
            {
                return Outcome<CustomerDetail>.Fail(l["Customers.NotFound", existingId], DomainErrorKind.NotFound);
            }
            customer = found;
            customer.Rename(name!);
            customer.ChangeTaxId(taxId!);
        }
        else
        {
            customer = new Customer(name!, taxId!, clock.GetUtcNow());
            db.Customers.Add(customer);
        }
        customer.Notes = input.Notes?.Trim() ?? "";
        customer.Language = language;
        customer.SetDetails(addresses, phones, domains, products);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (!retried)
        {
            // Someone saved the same CUIT or domain between our check and our write: the unique indexes refused it.
            // Checking again names the other customer, as the first check would have.
            return await SaveAsync(id, input, cancellationToken, retried: true);
        }
        logger.LogInformation("Customer {CustomerId} {Action}", customer.Id, id is null ? "created" : "updated");
        return Outcome<CustomerDetail>.Ok((await queries.GetAsync(customer.Id, cancellationToken))!);
    }
}
