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
    OutboxSignal signal,
    IStringLocalizer<Strings> l)
{
    public sealed record Request(IReadOnlyList<string>? To, IReadOnlyList<string>? Cc, string? Subject, string? Text);

    public async Task<Outcome<TicketView>> ExecuteAsync(string number, Request request, Actor actor, CancellationToken cancellationToken)
    {
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

    /// <summary>Who a reply goes to by default: the ticket's contact, else whoever wrote.</summary>
    public async Task<IReadOnlyList<string>> DefaultRecipientsAsync(string number, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ticket = await db.Tickets.AsNoTracking().Where(t => t.Number == number).Select(t => new { t.ContactId, t.From, t.Id }).FirstOrDefaultAsync(cancellationToken);
        if (ticket is null)
        {
            return [];
        }
        if (ticket.ContactId is { } contactId)
        {
            var emails = await db.Contacts.Where(c => c.Id == contactId).SelectMany(c => c.Emails.Select(e => e.Address)).ToListAsync(cancellationToken);
            if (emails.Count > 0)
            {
                return emails.Take(1).ToList();
            }
        }
        return ticket.From is { } from && from.Contains('@') ? [from] : [];
    }

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
