using System.Globalization;
using Ayuda.Data;
using Ayuda.Features.Channels.Email;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Templates;

/// <summary>
/// The fields every customer-facing template has (<see cref="TemplateFields"/>' common ones), formatted for the reader:
/// labels in their language (call with the UI culture set to it), dates on the desk's clock.
/// </summary>
public static class TemplateModels
{
    public static Dictionary<string, object?> Common(Ticket ticket, string? customerName, string? taxId, string? contactName, string consultantName,
        DateTimeOffset? resolvedAt, DeskClock desk, EmailOptions email, IStringLocalizer<Strings> l, CultureInfo culture)
    {
        string When(DateTimeOffset at) => desk.Local(at).ToString("g", culture);
        return new Dictionary<string, object?>
        {
            ["ticket"] = new Dictionary<string, object?>
            {
                ["number"] = ticket.Number,
                ["subject"] = ticket.Subject,
                ["description"] = ticket.Description,
                ["channel"] = l[$"Channel.{ticket.Channel}"].Value,
                ["classification"] = ticket.Classification is { } c ? l[$"Classification.{c}"].Value : "",
                ["priority"] = l[$"TicketPriority.{ticket.Priority}"].Value,
                ["opened"] = When(ticket.ContactedAt),
                ["resolved"] = resolvedAt is { } at ? When(at) : "",
            },
            ["customer"] = new Dictionary<string, object?> { ["name"] = customerName ?? "", ["tax_id"] = taxId ?? "" },
            ["contact"] = new Dictionary<string, object?> { ["name"] = contactName ?? "" },
            ["consultant"] = new Dictionary<string, object?> { ["name"] = consultantName },
            ["desk"] = new Dictionary<string, object?> { ["name"] = email.DeskName, ["address"] = email.DeskAddress },
        };
    }

    /// <summary>The common fields when there is no ticket (a complaint made in person): the ticket's are empty.</summary>
    public static Dictionary<string, object?> WithoutTicket(string customerName, string taxId, string? contactName, string consultantName, EmailOptions email) => new()
    {
        ["ticket"] = new Dictionary<string, object?>
        {
            ["number"] = "", ["subject"] = "", ["description"] = "", ["channel"] = "", ["classification"] = "", ["priority"] = "", ["opened"] = "", ["resolved"] = "",
        },
        ["customer"] = new Dictionary<string, object?> { ["name"] = customerName, ["tax_id"] = taxId },
        ["contact"] = new Dictionary<string, object?> { ["name"] = contactName ?? "" },
        ["consultant"] = new Dictionary<string, object?> { ["name"] = consultantName },
        ["desk"] = new Dictionary<string, object?> { ["name"] = email.DeskName, ["address"] = email.DeskAddress },
    };

    /// <summary>The common fields of <paramref name="ticket"/>, read from <paramref name="db"/>, in <paramref name="language"/>.</summary>
    public static async Task<Dictionary<string, object?>> CommonAsync(AyudaDb db, Ticket ticket, string language, string consultantName,
        DeskClock desk, EmailOptions email, IStringLocalizer<Strings> l, CancellationToken ct)
    {
        var customer = ticket.CustomerId is { } customerId
            ? await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.Name, c.TaxId }).FirstOrDefaultAsync(ct)
            : null;
        var contact = ticket.ContactId is { } contactId ? await db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => c.Name).FirstOrDefaultAsync(ct) : null;
        return ReaderCulture.In(language, () =>
            Common(ticket, customer?.Name, customer?.TaxId, contact, consultantName, ticket.ResolvedAt, desk, email, l, ReaderCulture.Of(language)));
    }
}
