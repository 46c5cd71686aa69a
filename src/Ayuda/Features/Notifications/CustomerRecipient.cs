using Ayuda.Data;
using Ayuda.Features.Channels.WhatsApp;
using Ayuda.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Notifications;

/// <summary>Where a written word to a ticket's customer goes: the one answer for incident updates, acknowledgements and invitations.</summary>
public static class CustomerRecipient
{
    /// <summary>WhatsApp for WhatsApp tickets, else the contact's (or sender's) email, else the contact's WhatsApp; null when there is no way.</summary>
    public static async Task<(Channel Channel, string To)?> ForAsync(AyudaDb db, Ticket ticket, CancellationToken ct)
    {
        if (ticket.Channel == Channel.WhatsApp && await WhatsAppRecipients.ForAsync(db, ticket, ct) is { } wa)
        {
            return (Channel.WhatsApp, wa);
        }
        if (ticket.ContactId is { } contactId)
        {
            var address = await db.Contacts.Where(c => c.Id == contactId).SelectMany(c => c.Emails).Select(e => e.Address).FirstOrDefaultAsync(ct);
            if (address is not null)
            {
                return (Channel.Email, address);
            }
        }
        if (ticket.From is { } from && from.Contains('@'))
        {
            return (Channel.Email, from);
        }
        return await WhatsAppRecipients.ForAsync(db, ticket, ct) is { } phone ? (Channel.WhatsApp, phone) : null;
    }

    /// <summary>The customer's language for what we write to them ("es" or "en"; "es" when unknown).</summary>
    public static async Task<string> LanguageAsync(AyudaDb db, Ticket ticket, CancellationToken ct) =>
        ticket.CustomerId is { } customerId
            ? await db.Customers.Where(c => c.Id == customerId).Select(c => c.Language).FirstOrDefaultAsync(ct) ?? "es"
            : "es";
}
