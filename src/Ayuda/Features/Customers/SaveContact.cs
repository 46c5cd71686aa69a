using Ayuda.Data;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Customers;

/// <summary>Adds a contact to a customer or updates one.</summary>
public sealed class SaveContact(IDbContextFactory<AyudaDb> contexts, IStringLocalizer<Strings> l, ILogger<SaveContact> logger)
{
    public async Task<Outcome<ContactView>> SaveAsync(int customerId, int? contactId, ContactInput input, CancellationToken cancellationToken)
    {
        var check = new CustomerValidation(l);
        var name = check.Name(input.Name);
        var emails = check.Emails(input.Emails);
        var phones = check.ContactPhones(input.Phones);
        if ((input.Position?.Trim().Length ?? 0) > 120)
        {
            check.Add("position", l["Customers.PositionTooLong", 120]);
        }
        if (check.Errors.Count > 0)
        {
            return Outcome<ContactView>.Invalid(check.Errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            return Outcome<ContactView>.Fail(l["Customers.NotFound", customerId], DomainErrorKind.NotFound);
        }
        Contact contact;
        if (contactId is { } id)
        {
            var found = await db.Contacts.FirstOrDefaultAsync(c => c.Id == id && c.CustomerId == customerId, cancellationToken);
            if (found is null)
            {
                return Outcome<ContactView>.Fail(l["Customers.ContactNotFound", id], DomainErrorKind.NotFound);
            }
            contact = found;
            contact.Rename(name!);
        }
        else
        {
            contact = new Contact(name!);
            var customer = await db.Customers.Include(c => c.Contacts).FirstAsync(c => c.Id == customerId, cancellationToken);
            customer.Contacts.Add(contact);
        }
        contact.Position = input.Position?.Trim() ?? "";
        contact.IsActive = input.IsActive ?? contact.IsActive;
        contact.SetChannels(emails, phones);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Contact {ContactId} of customer {CustomerId} saved", contact.Id, customerId);
        return Outcome<ContactView>.Ok(ContactView.From(contact));
    }
}
