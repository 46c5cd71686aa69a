using System.Globalization;
using Ayuda.Data;
using Ayuda.Features.Channels.Email;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Closing;

/// <summary>
/// The fields of the closing notification's template for one ticket, formatted for its customer (their language, the
/// desk's clock). The timeline summary holds only what the customer saw: internal notes and internal events never appear.
/// </summary>
public static class ClosingModel
{
    public const int MaxTimelineLines = 30;
    private const int MaxLineLength = 300;

    private static readonly TimelineKind[] Public = [TimelineKind.Received, TimelineKind.MessageIn, TimelineKind.MessageOut, TimelineKind.Note, TimelineKind.CallNote];

    public static async Task<IReadOnlyDictionary<string, object?>> BuildAsync(AyudaDb db, Ticket ticket, string resolution, string consultantName,
        DateTimeOffset resolvedAt, string language, DeskClock desk, EmailOptions email, IStringLocalizer<Strings> l, CancellationToken ct)
    {
        var customer = ticket.CustomerId is { } customerId
            ? await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.Name, c.TaxId }).FirstOrDefaultAsync(ct)
            : null;
        var contact = ticket.ContactId is { } contactId ? await db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => c.Name).FirstOrDefaultAsync(ct) : null;
        var lines = ticket.Id == 0 ? [] : await db.TimelineEntries.AsNoTracking()
            .Where(e => e.TicketId == ticket.Id && !e.Internal && Public.Contains(e.Kind))
            .OrderByDescending(e => e.Id).Take(MaxTimelineLines)
            .Select(e => new { e.At, e.Kind, e.Text, e.To, Subject = e.Message != null ? e.Message.Subject : null })
            .ToListAsync(ct);
        var culture = new CultureInfo(language == "en" ? "en" : "es-AR");
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            string When(DateTimeOffset at) => desk.Local(at).ToString("g", culture);
            var timeline = lines.OrderBy(e => e.At).Select(e => (object?)new Dictionary<string, object?>
            {
                ["date"] = When(e.At),
                ["text"] = Clip(e.Kind switch
                {
                    TimelineKind.Received => l["Closing.Line.Received", Label(l, "Channel", e.To)].Value,
                    TimelineKind.MessageIn => l["Closing.Line.MessageIn", e.Subject ?? e.Text ?? ""].Value,
                    TimelineKind.MessageOut => l["Closing.Line.MessageOut", e.Subject ?? e.Text ?? ""].Value,
                    _ => e.Text ?? "",
                }),
            }).ToList();
            var model = Templates.TemplateModels.Common(ticket, customer?.Name, customer?.TaxId, contact, consultantName, resolvedAt, desk, email, l, culture);
            model["resolution"] = resolution;
            model["timeline"] = timeline;
            return model;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static string Label(IStringLocalizer<Strings> l, string type, string? code) =>
        string.IsNullOrEmpty(code) ? "" : l[$"{type}.{char.ToUpperInvariant(code[0])}{code[1..]}"].Value;

    private static string Clip(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= MaxLineLength ? flat : flat[..(MaxLineLength - 1)] + "…";
    }
}
