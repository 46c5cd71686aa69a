using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Ayuda.Data;
using Ayuda.Features.Notifications;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Channels.WhatsApp;

/// <summary>
/// Writes an outgoing WhatsApp message on a ticket: free text while the customer-service window is open (24 hours
/// from the customer's last message), else the approved template for that kind of message with its parameters filled.
/// The message and its outbox row join the caller's transaction.
/// </summary>
public sealed partial class WhatsAppComposer(IOptionsMonitor<WhatsAppOptions> options)
{
    public static readonly TimeSpan ServiceWindow = TimeSpan.FromHours(24);

    /// <summary>WhatsApp takes at most 4096 characters of text; a longer one (a long closing case) is cut short of that.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>When the customer last wrote on WhatsApp (to any of the desk's numbers), or null if never.</summary>
    public static Task<DateTimeOffset?> LastCustomerMessageAsync(AyudaDb db, string waFrom, CancellationToken ct) =>
        db.TicketMessages.Where(m => m.Channel == Channel.WhatsApp && m.Direction == MessageDirection.In && m.From == waFrom)
            .MaxAsync(m => (DateTimeOffset?)m.At, ct);

    /// <summary>What writing to this customer now means: free text until the window closes, or which template, or nothing possible.</summary>
    public async Task<WhatsAppWindow> WindowAsync(AyudaDb db, string waFrom, OutboxKind kind, DateTimeOffset now, CancellationToken ct)
    {
        var last = await LastCustomerMessageAsync(db, waFrom, ct);
        var open = last is { } at && now - at < ServiceWindow;
        return new WhatsAppWindow(open, last is { } l ? l + ServiceWindow : null, options.CurrentValue.Template(kind));
    }

    /// <summary>
    /// Adds the message and its outbox row. Returns null when it cannot go: outside the window with no template for
    /// <paramref name="kind"/>, or no number configured to write from.
    /// </summary>
    public async Task<TicketMessage?> ComposeAsync(AyudaDb db, Ticket ticket, OutboxKind kind, string waTo, string text,
        TemplateValues values, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var number = await NumberForAsync(db, ticket, waTo, ct);
        if (number is null)
        {
            return null;
        }
        text = text.Length <= MaxTextLength ? text : text[..(MaxTextLength - 1)] + "…";
        var window = await WindowAsync(db, waTo, kind, now, ct);
        WhatsAppPayload payload;
        if (window.Open)
        {
            payload = WhatsAppPayload.FreeText;
        }
        else if (window.Template is { } template)
        {
            payload = new WhatsAppPayload(new TemplatePayload(template.Name, template.Language, [.. template.Parameters.Select(p => Parameter(values.Of(p, text)))]));
        }
        else
        {
            return null;
        }
        var localId = $"ayuda-wa-{ticket.Number}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var message = TicketMessage.Outbound(Channel.WhatsApp, now, localId, null, null, string.IsNullOrWhiteSpace(number.DisplayNumber) ? number.PhoneNumberId : number.DisplayNumber,
            waTo, "", payload.Template is { } t ? $"[{t.Name}]" : "", text, actor.Id);
        var outbox = OutboxMessage.WhatsApp(kind, ticket, number.PhoneNumberId, waTo.TrimStart('+'), text, payload.Serialize(), localId, now);
        message.DeliverThrough(outbox);
        db.Outbox.Add(outbox);
        ticket.SendMessage(message, actor, now);
        return message;
    }

    /// <summary>The number the customer wrote to last (so the conversation stays on one line), else the first one enabled.</summary>
    private async Task<WhatsAppNumber?> NumberForAsync(AyudaDb db, Ticket ticket, string waTo, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var source = await db.InboundMessages.Where(m => m.Channel == Channel.WhatsApp && m.From == waTo && m.Source.StartsWith("whatsapp:"))
            .OrderByDescending(m => m.Id).Select(m => m.Source).FirstOrDefaultAsync(ct);
        var used = source is null ? null : settings.Number(source["whatsapp:".Length..]);
        return used ?? settings.Numbers.FirstOrDefault(n => n.Enabled && n.PhoneNumberId.Length > 0);
    }

    /// <summary>Meta refuses template parameters with line breaks, tabs or more than four spaces in a row (error 132018).</summary>
    internal static string Parameter(string value)
    {
        var flat = LineBreaks().Replace(value.Trim(), " · ");
        flat = Spaces().Replace(flat, "   ");
        return flat.Length > 1000 ? flat[..1000] + "…" : flat;
    }

    [GeneratedRegex(@"[\r\n\t]+")]
    private static partial Regex LineBreaks();

    [GeneratedRegex(" {4,}")]
    private static partial Regex Spaces();
}

/// <summary>Whether free text can be sent now, until when, and the template to use otherwise.</summary>
public sealed record WhatsAppWindow(bool Open, DateTimeOffset? ClosesAt, WhatsAppTemplate? Template)
{
    public bool CanSend => Open || Template is not null;
}

/// <summary>The values a template's parameters are filled from.</summary>
public sealed record TemplateValues(string TicketNumber, string TicketSubject, string? CustomerName, string? ContactName, string ConsultantName)
{
    public string Of(string field, string message) => field switch
    {
        "ticket.number" => TicketNumber,
        "ticket.subject" => TicketSubject,
        "customer.name" => CustomerName ?? "",
        "contact.name" => ContactName ?? "",
        "consultant.name" => ConsultantName,
        "message" => message,
        _ => "",
    };

    public static async Task<TemplateValues> ForAsync(AyudaDb db, Ticket ticket, string consultantName, CancellationToken ct) => new(
        ticket.Number, ticket.Subject,
        ticket.CustomerId is { } customerId ? await db.Customers.Where(c => c.Id == customerId).Select(c => c.Name).FirstOrDefaultAsync(ct) : null,
        ticket.ContactId is { } contactId ? await db.Contacts.Where(c => c.Id == contactId).Select(c => c.Name).FirstOrDefaultAsync(ct) : null,
        consultantName);
}
