using Ayuda.Data;
using Ayuda.Features.Channels.Email;
using Ayuda.Features.Customers;
using Ayuda.Features.Notifications;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Intake;

/// <summary>
/// What happens to contacts the gate stopped: Administration identifies the customer of a triage ticket (then the gate
/// runs); the Project Manager releases a regularisation case once an agreement is in force, or closes it without service.
/// </summary>
public sealed class TriageAndRegularisation(TicketChanges changes, OnCall.OnCallRouting onCall, DeskClock desk, RegularisationNotice notice, EmailComposer email,
    IOptionsMonitor<EmailOptions> emailOptions, OutboxSignal outbox, IStringLocalizer<Strings> l, ILogger<TriageAndRegularisation> logger)
{
    /// <summary>Who the unidentified sender is; with <see cref="AddSenderAsContact"/> the sender's address or number becomes a new contact.</summary>
    public sealed record IdentifyRequest(int? CustomerId, int? ContactId, bool AddSenderAsContact = false, string? ContactName = null);

    public sealed record CloseRequest(string? Reason);

    public async Task<Outcome<TicketView>> IdentifyAsync(string number, IdentifyRequest request, Actor actor, CancellationToken cancellationToken)
    {
        if (request.CustomerId is null && request.ContactId is null)
        {
            return Outcome<TicketView>.Invalid("customerId", l["Intake.CustomerRequired"]);
        }
        var outcome = await changes.ApplyAsync(number, async (ticket, db, now) =>
        {
            var (customerId, contactId) = await ResolveAsync(db, request, cancellationToken);
            var name = await db.Customers.Where(c => c.Id == customerId).Select(c => c.Name).FirstAsync(cancellationToken);
            Contact? added = null;
            if (request.AddSenderAsContact && contactId is null && ticket.From is { } from)
            {
                added = NewContact(from, request.ContactName);
                var customer = await db.Customers.Include(c => c.Contacts).FirstAsync(c => c.Id == customerId, cancellationToken);
                customer.Contacts.Add(added);
                // The contact needs its id before the ticket can point at it.
                await db.SaveChangesAsync(cancellationToken);
                contactId = added.Id;
            }
            var badge = await AgreementBadges.ForAsync(db, customerId, desk.Today, cancellationToken);
            ticket.Identify(customerId, contactId, name, actor, now);
            ticket.ApplyGate(badge, actor, now);
            if (ticket.State == TicketState.Regularisation && ticket.Channel == Channel.Email && ticket.From is { } address && address.Contains('@')
                && emailOptions.CurrentValue.AcknowledgeNewTickets)
            {
                // The sender was told we got it; now that we know who they are, they learn why nobody will assist them yet.
                var language = await CustomerRecipient.LanguageAsync(db, ticket, cancellationToken);
                var (subject, text) = await notice.TextAsync(db, ticket, language, cancellationToken);
                await email.ComposeAsync(db, ticket, OutboxKind.Regularisation, [address], [], subject, text, actor, now, cancellationToken);
            }
            await onCall.RouteAsync(db, ticket, now, cancellationToken);
        }, cancellationToken);
        if (outcome.Succeeded)
        {
            outbox.Notify();
            logger.LogInformation("Ticket {Number} identified by {ActorId}: {State}", number, actor.Id, outcome.Value!.State);
        }
        return outcome;
    }

    public async Task<Outcome<TicketView>> ReleaseAsync(string number, Actor actor, CancellationToken cancellationToken)
    {
        var outcome = await changes.ApplyAsync(number, async (ticket, db, now) =>
        {
            // A ticket outside regularisation has no case to release; the entity says so (409) before anything is read.
            var badge = await AgreementBadges.ForAsync(db, ticket.CustomerId, desk.Today, cancellationToken);
            ticket.Release(badge, actor, now);
            await onCall.RouteAsync(db, ticket, now, cancellationToken);
        }, cancellationToken);
        if (outcome.Succeeded)
        {
            logger.LogInformation("Regularisation case {Number} released to Implementation by {ActorId}", number, actor.Id);
        }
        return outcome;
    }

    public async Task<Outcome<TicketView>> CloseWithoutServiceAsync(string number, CloseRequest request, Actor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return Outcome<TicketView>.Invalid("reason", l["Ticket.ReasonRequired"]);
        }
        var outcome = await changes.ApplyAsync(number, (t, now) => t.CloseWithoutService(request.Reason, actor, now), cancellationToken);
        if (outcome.Succeeded)
        {
            logger.LogInformation("Ticket {Number} closed without service by {ActorId}", number, actor.Id);
        }
        return outcome;
    }

    private static Contact NewContact(string from, string? name)
    {
        var isEmail = from.Contains('@');
        var contact = new Contact(string.IsNullOrWhiteSpace(name) ? (isEmail ? from[..from.IndexOf('@')] : from) : name.Trim());
        var phone = isEmail ? null : Phones.Normalise(from);
        contact.SetChannels(isEmail ? [from.Trim().ToLowerInvariant()] : [], phone is null ? [] : [new ContactPhone { Number = phone }]);
        return contact;
    }

    private static async Task<(int CustomerId, int? ContactId)> ResolveAsync(AyudaDb db, IdentifyRequest request, CancellationToken ct)
    {
        if (request.ContactId is { } contactId)
        {
            var owner = await db.Contacts.Where(c => c.Id == contactId).Select(c => (int?)c.CustomerId).FirstOrDefaultAsync(ct)
                ?? throw DomainException.Invalid("Intake.ContactUnknown", contactId);
            if (request.CustomerId is { } given && given != owner)
            {
                throw DomainException.Invalid("Intake.ContactOfOtherCustomer", contactId, given);
            }
            return (owner, contactId);
        }
        var customerId = request.CustomerId!.Value;
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct))
        {
            throw DomainException.Invalid("Intake.CustomerUnknown", customerId);
        }
        return (customerId, null);
    }
}
