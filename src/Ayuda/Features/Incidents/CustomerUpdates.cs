using System.Globalization;
using Ayuda.Data;
using Ayuda.Features.Channels.Email;
using Ayuda.Features.Channels.WhatsApp;
using Ayuda.Features.Notifications;
using Ayuda.Features.Templates;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Incidents;

/// <summary>
/// Keeps the customer informed while their error is with R&amp;D: a prefilled update about the incident, edited by the
/// consultant (or sent by itself on the moves the settings choose), through the outbox on the ticket's channel —
/// WhatsApp for WhatsApp tickets, else email to the contact, else WhatsApp to the contact's WhatsApp phone.
/// </summary>
public sealed class CustomerUpdates(
    IDbContextFactory<AyudaDb> contexts,
    TicketChanges changes,
    EmailComposer email,
    WhatsAppComposer whatsApp,
    OutboxSignal signal,
    IOptionsMonitor<EmailOptions> emailOptions,
    TemplateEngine templates,
    DeskClock desk,
    IStringLocalizer<Strings> l)
{
    public sealed record Draft(Channel Channel, string To, string Subject, string Text);

    public sealed record SendRequest(string? Text);

    /// <summary>What would be sent now, for the consultant to read and edit.</summary>
    public async Task<Outcome<Draft>> DraftAsync(string ticketNumber, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Number == ticketNumber, ct);
        if (ticket is null)
        {
            return Outcome<Draft>.Fail(l["Tickets.NotFound", ticketNumber], DomainErrorKind.NotFound);
        }
        var incident = ticket.IncidentId is { } id ? await db.Incidents.AsNoTracking().FirstAsync(i => i.Id == id, ct) : null;
        if (incident is null)
        {
            return Outcome<Draft>.Fail(l["Incidents.TicketHasNone", ticketNumber]);
        }
        var recipient = await CustomerRecipient.ForAsync(db, ticket, ct);
        if (recipient is null)
        {
            return Outcome<Draft>.Fail(l["Incidents.NoWayToWrite", ticketNumber]);
        }
        var (subject, text) = await ComposeTextAsync(db, ticket, incident, null, ct);
        return Outcome<Draft>.Ok(new Draft(recipient.Value.Channel, recipient.Value.To, subject, text));
    }

    /// <summary>The consultant sends the update (their edited text, or the prefilled one).</summary>
    public async Task<Outcome<TicketView>> SendAsync(string ticketNumber, SendRequest request, Actor actor, CancellationToken ct)
    {
        if ((request.Text?.Length ?? 0) > Ticket.MaxNoteLength)
        {
            return Outcome<TicketView>.Invalid("text", l["Ticket.NoteTooLong", Ticket.MaxNoteLength]);
        }
        var outcome = await changes.ApplyAsync(ticketNumber, async (ticket, db, now) =>
        {
            var incident = ticket.IncidentId is { } id ? await db.Incidents.FirstAsync(i => i.Id == id, ct)
                : throw DomainException.Conflict("Incidents.TicketHasNone", ticketNumber);
            if (!await ComposeAsync(db, ticket, incident, string.IsNullOrWhiteSpace(request.Text) ? null : request.Text.Trim(), actor, now, ct))
            {
                throw DomainException.Conflict("Incidents.NoWayToWrite", ticketNumber);
            }
        }, ct);
        if (outcome.Succeeded)
        {
            signal.Notify();
        }
        return outcome;
    }

    /// <summary>Adds the update to <paramref name="db"/> (the caller's transaction); false when there is no way to write to the customer.</summary>
    internal async Task<bool> ComposeAsync(AyudaDb db, Ticket ticket, Incident incident, string? text, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (await CustomerRecipient.ForAsync(db, ticket, ct) is not { } recipient)
        {
            return false;
        }
        var (subject, body) = await ComposeTextAsync(db, ticket, incident, text, ct);
        if (recipient.Channel == Channel.WhatsApp)
        {
            var values = await TemplateValues.ForAsync(db, ticket, actor.Name, ct);
            return await whatsApp.ComposeAsync(db, ticket, OutboxKind.IncidentUpdate, recipient.To, body, values, actor, now, ct) is not null;
        }
        await email.ComposeAsync(db, ticket, OutboxKind.IncidentUpdate, [recipient.To], [], subject, body, actor, now, ct);
        return true;
    }

    /// <summary>The update in the customer's language, from its template: where their error stands, and the fix version once there is one.</summary>
    private async Task<(string Subject, string Text)> ComposeTextAsync(AyudaDb db, Ticket ticket, Incident incident, string? edited, CancellationToken ct)
    {
        var language = await CustomerRecipient.LanguageAsync(db, ticket, ct);
        var model = await IncidentUpdateModel.BuildAsync(db, ticket, incident, language, desk, emailOptions.CurrentValue, l, ct);
        var (subject, text) = await templates.RenderCurrentAsync(db, TemplateKind.IncidentUpdate, language, model, ct);
        return (subject, edited ?? text);
    }
}
