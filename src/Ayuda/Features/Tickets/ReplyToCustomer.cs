using Ayuda.Data;
using Ayuda.Features.Channels.Email;
using Ayuda.Features.Notifications;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Tickets;

/// <summary>A consultant writes to the customer from the ticket: the message and its outbox row are saved together.</summary>
public sealed class ReplyToCustomer(
    IDbContextFactory<AyudaDb> contexts,
    TicketChanges changes,
    EmailComposer composer,
    Channels.WhatsApp.WhatsAppComposer whatsApp,
    OutboxSignal signal,
    DeskClock desk,
    IStringLocalizer<Strings> l)
{
    /// <summary><paramref name="Channel"/>: email or whatsApp; by default the ticket's own (email for phone tickets).</summary>
    public sealed record Request(IReadOnlyList<string>? To, IReadOnlyList<string>? Cc, string? Subject, string? Text, Channel? Channel = null);

    /// <summary>Where a WhatsApp reply would go and what the 24-hour window allows now; null when the ticket has no WhatsApp number.</summary>
    public sealed record WhatsAppReply(string To, Channels.WhatsApp.WhatsAppWindow Window);

    public async Task<Outcome<TicketView>> ExecuteAsync(string number, Request request, Actor actor, CancellationToken cancellationToken)
    {
        var channel = request.Channel ?? await ChannelOfAsync(number, cancellationToken);
        if (channel == Channel.WhatsApp)
        {
            return await WhatsAppAsync(number, request, actor, cancellationToken);
        }
        var errors = new Dictionary<string, string[]>();
        var to = Addresses(request.To, "to", errors);
        var cc = Addresses(request.Cc, "cc", errors);
        if (to.Count == 0 && !errors.ContainsKey("to"))
        {
            errors["to"] = [l["Reply.ToRequired"]];
        }
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            errors["text"] = [l["Reply.TextRequired"]];
        }
        else if (request.Text.Length > Ticket.MaxNoteLength)
        {
            errors["text"] = [l["Ticket.NoteTooLong", Ticket.MaxNoteLength]];
        }
        if (errors.Count > 0)
        {
            return Outcome<TicketView>.Invalid(errors);
        }
        var outcome = await changes.ApplyAsync(number, async (ticket, db, now) =>
        {
            var subject = string.IsNullOrWhiteSpace(request.Subject) ? $"Re: {ticket.Subject}" : request.Subject.Trim();
            await composer.ComposeAsync(db, ticket, OutboxKind.Reply, to, cc, subject, request.Text!.Trim(), actor, now, cancellationToken);
        }, cancellationToken);
        if (outcome.Succeeded)
        {
            signal.Notify();
        }
        return outcome;
    }

    private async Task<Channel> ChannelOfAsync(string number, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Tickets.Where(t => t.Number == number).Select(t => t.Channel).FirstOrDefaultAsync(ct) == Channel.WhatsApp ? Channel.WhatsApp : Channel.Email;
    }

    /// <summary>
    /// A WhatsApp reply: free text inside the 24-hour window, the approved reply template outside it (with the text as
    /// its parameter where the template takes one), refused with the reason when neither is possible.
    /// </summary>
    private async Task<Outcome<TicketView>> WhatsAppAsync(string number, Request request, Actor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return Outcome<TicketView>.Invalid("text", l["Reply.TextRequired"]);
        }
        if (request.Text.Length > 4096)
        {
            return Outcome<TicketView>.Invalid("text", l["WhatsApp.TextTooLong", 4096]);
        }
        var outcome = await changes.ApplyAsync(number, async (ticket, db, now) =>
        {
            var to = await Channels.WhatsApp.WhatsAppRecipients.ForAsync(db, ticket, cancellationToken) ?? throw DomainException.Conflict("WhatsApp.NoNumber", ticket.Number);
            var values = await Channels.WhatsApp.TemplateValues.ForAsync(db, ticket, actor.Name, cancellationToken);
            _ = await whatsApp.ComposeAsync(db, ticket, OutboxKind.Reply, to, request.Text.Trim(), values, actor, now, cancellationToken)
                ?? throw DomainException.Conflict("WhatsApp.CannotSend");
        }, cancellationToken);
        if (outcome.Succeeded)
        {
            signal.Notify();
        }
        return outcome;
    }

    /// <summary>
    /// Whether the ticket can be answered on WhatsApp, to which number, and whether the customer's service window is
    /// open. Takes the ticket as the page read it (with its contact), so only the window is asked of the database.
    /// </summary>
    public async Task<WhatsAppReply?> WhatsAppReplyAsync(TicketView ticket, CancellationToken cancellationToken)
    {
        if (Channels.WhatsApp.WhatsAppRecipients.Of(ticket) is not { } to)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return new WhatsAppReply(to, await whatsApp.WindowAsync(db, to, OutboxKind.Reply, desk.UtcNow, cancellationToken));
    }

    /// <summary>Who a reply goes to by default: the ticket's contact (its first address), else whoever wrote.</summary>
    public static IReadOnlyList<string> DefaultRecipients(TicketView ticket) =>
        ticket.Contact is { Emails: [var first, ..] } ? [first]
        : ticket.From is { } from && from.Contains('@') ? [from]
        : [];

    private List<string> Addresses(IReadOnlyList<string>? addresses, string field, Dictionary<string, string[]> errors)
    {
        var valid = new List<string>();
        foreach (var address in (addresses ?? []).SelectMany(a => (a ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (EmailAddresses.IsValid(address))
            {
                valid.Add(address.ToLowerInvariant());
            }
            else
            {
                errors[field] = [.. errors.GetValueOrDefault(field) ?? [], l["Customers.EmailInvalid", address]];
            }
        }
        return valid.Distinct().Take(50).ToList();
    }
}
