using Ayuda.Data;
using Ayuda.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Channels.WhatsApp;

/// <summary>Where a WhatsApp message about a ticket goes: the number that wrote on WhatsApp, else the contact's phone marked as WhatsApp.</summary>
public static class WhatsAppRecipients
{
    public static async Task<string?> ForAsync(AyudaDb db, Ticket ticket, CancellationToken ct)
    {
        if (Sender(ticket.Channel, ticket.From) is { } from)
        {
            return from;
        }
        if (ticket.ContactId is { } contactId)
        {
            return await db.Contacts.Where(c => c.Id == contactId).SelectMany(c => c.Phones).Where(p => p.WhatsApp).Select(p => p.Number).FirstOrDefaultAsync(ct);
        }
        return null;
    }

    /// <summary>The same choice for a ticket already read with its contact (the ticket page), without asking the database.</summary>
    public static string? Of(TicketView ticket) =>
        Sender(ticket.Channel, ticket.From) ?? ticket.Contact?.Phones.FirstOrDefault(p => p.WhatsApp)?.Number;

    /// <summary>The number that wrote, when the ticket came in on WhatsApp.</summary>
    private static string? Sender(Channel channel, string? from) =>
        channel == Channel.WhatsApp && from is not null && from.StartsWith('+') ? from : null;
}
