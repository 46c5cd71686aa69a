using Ayuda.Data;
using Ayuda.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Channels.WhatsApp;

/// <summary>Where a WhatsApp message about a ticket goes: the number that wrote on WhatsApp, else the contact's phone marked as WhatsApp.</summary>
public static class WhatsAppRecipients
{
    public static async Task<string?> ForAsync(AyudaDb db, Ticket ticket, CancellationToken ct)
    {
        if (ticket.Channel == Channel.WhatsApp && ticket.From is { } from && from.StartsWith('+'))
        {
            return from;
        }
        if (ticket.ContactId is { } contactId)
        {
            return await db.Contacts.Where(c => c.Id == contactId).SelectMany(c => c.Phones).Where(p => p.WhatsApp).Select(p => p.Number).FirstOrDefaultAsync(ct);
        }
        return null;
    }
}
