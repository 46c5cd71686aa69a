using System.Globalization;
using Ayuda.Data;
using Ayuda.Features.Channels.Email;
using Ayuda.Features.Channels.WhatsApp;
using Ayuda.Features.Customers;
using Ayuda.Features.Notifications;
using Ayuda.Features.Templates;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Feedback;

/// <summary>
/// Tells the customer their suggestion or complaint was recorded, in their language, through the outbox in the
/// caller's transaction: on the ticket's channel when it came from an open ticket (WhatsApp for WhatsApp tickets, else
/// email), else by email to the chosen contact. When there is no way to write, the entry and the ticket say so.
/// </summary>
public sealed class FeedbackAcknowledgements(EmailComposer email, WhatsAppComposer whatsApp, TemplateEngine templates, DeskClock desk,
    IOptionsMonitor<EmailOptions> emailOptions, IStringLocalizer<Strings> l)
{
    internal async Task AcknowledgeAsync(AyudaDb db, FeedbackEntry entry, Ticket? ticket, Customer customer, Contact? contact, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var (subject, body) = await TextAsync(db, entry, ticket, customer, contact?.Name, actor, ct);
        string reason;
        if (ticket is not null && ticket.State != TicketState.Closed)
        {
            reason = await OnTicketAsync(db, entry, ticket, subject, body, actor, now, ct);
        }
        else if (contact?.Emails.FirstOrDefault()?.Address is { } address)
        {
            // Recorded straight in the register (or on a closed ticket, which takes no more messages): a mail of its own.
            var settings = emailOptions.CurrentValue;
            db.Outbox.Add(new OutboxMessage(OutboxKind.FeedbackAcknowledgement, null, settings.FromHeader, address, "", subject, body,
                EmailComposer.NewMessageId(entry.Number.ToLowerInvariant(), settings), null, null, now));
            entry.Acknowledged(Channel.Email, address, now);
            reason = "";
        }
        else
        {
            reason = contact is null ? l["Feedback.AckNoContact"] : l["Feedback.AckNoEmail", contact.Name];
        }
        if (entry.Acknowledgement != AcknowledgementState.Sent)
        {
            entry.CouldNotAcknowledge(reason, now);
            ticket?.AddNote(l["Feedback.AckImpossibleNote", entry.Number, reason], isInternal: true, isCall: false, actor, now);
        }
    }

    /// <summary>On the ticket's channel; the reason when it cannot go (empty when it went).</summary>
    private async Task<string> OnTicketAsync(AyudaDb db, FeedbackEntry entry, Ticket ticket, string subject, string body, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (await CustomerRecipient.ForAsync(db, ticket, ct) is not { } recipient)
        {
            return l["Feedback.AckNoWay"];
        }
        if (recipient.Channel == Channel.WhatsApp)
        {
            var values = await TemplateValues.ForAsync(db, ticket, actor.Name, ct);
            if (await whatsApp.ComposeAsync(db, ticket, OutboxKind.FeedbackAcknowledgement, recipient.To, body, values, actor, now, ct) is null)
            {
                return l["Feedback.AckWhatsAppClosed"];
            }
        }
        else
        {
            await email.ComposeAsync(db, ticket, OutboxKind.FeedbackAcknowledgement, [recipient.To], [], subject, body, actor, now, ct);
        }
        entry.Acknowledged(recipient.Channel, recipient.To, now);
        return "";
    }

    /// <summary>The acknowledgement in the customer's language ("es" or "en"), from its template.</summary>
    private async Task<(string Subject, string Body)> TextAsync(AyudaDb db, FeedbackEntry entry, Ticket? ticket, Customer customer, string? contactName,
        Actor actor, CancellationToken ct)
    {
        var language = customer.Language == "en" ? "en" : "es";
        var model = await ModelAsync(db, entry, ticket, customer, contactName, actor.Name, language, ct);
        return await templates.RenderCurrentAsync(db, TemplateKind.FeedbackAcknowledgement, language, model, ct);
    }

    /// <summary>The template's fields: the common ones (the ticket's empty when there is none) and the entry's.</summary>
    internal async Task<Dictionary<string, object?>> ModelAsync(AyudaDb db, FeedbackEntry entry, Ticket? ticket, Customer customer, string? contactName,
        string consultant, string language, CancellationToken ct)
    {
        var model = ticket is null
            ? TemplateModels.WithoutTicket(customer.Name, customer.TaxId, contactName, consultant, emailOptions.CurrentValue)
            : await TemplateModels.CommonAsync(db, ticket, language, consultant, desk, emailOptions.CurrentValue, l, ct);
        model["contact"] = new Dictionary<string, object?> { ["name"] = contactName ?? "" };
        model["feedback"] = ReaderCulture.In(language, () => new Dictionary<string, object?>
        {
            ["number"] = entry.Number,
            ["kind"] = l[$"FeedbackKind.{entry.Kind}"].Value.ToLower(CultureInfo.CurrentUICulture),
            ["complaint"] = entry.Kind == FeedbackKind.Complaint,
            ["category"] = l[$"FeedbackCategory.{entry.Category}"].Value,
            ["description"] = entry.Description,
        });
        return model;
    }
}
