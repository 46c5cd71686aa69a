using Ayuda.Data;
using Ayuda.Features.Customers;
using Ayuda.Features.Notifications;
using Ayuda.Features.Staff;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Feedback;

/// <summary>
/// The register's use cases, for the pages and the API alike: record a suggestion or complaint (from a ticket or
/// straight in the register) and acknowledge it to the customer in the same transaction; the head reviews it, records
/// what was done and closes it.
/// </summary>
public sealed class FeedbackWork(
    IDbContextFactory<AyudaDb> contexts,
    FeedbackQueries queries,
    FeedbackAcknowledgements acknowledgements,
    StaffNotices notices,
    OutboxSignal outbox,
    DeskClock desk,
    IStringLocalizer<Strings> l,
    ILogger<FeedbackWork> logger)
{
    /// <summary>What the API and the form send to record an entry; from a ticket, missing fields come from the ticket.</summary>
    public sealed record Input(
        FeedbackKind? Kind,
        int? CustomerId,
        FeedbackCategory? Category,
        string? Description,
        int? ContactId = null,
        DateOnly? ReceivedOn = null,
        string? TicketNumber = null);

    /// <summary>The head's review: the outcome (action taken), and whether to close the entry with it.</summary>
    public sealed record ReviewRequest(string? Outcome, bool Close = false);

    public async Task<Outcome<FeedbackView>> RecordAsync(Input input, Actor actor, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = string.IsNullOrWhiteSpace(input.TicketNumber) ? null : await db.Tickets.FirstOrDefaultAsync(t => t.Number == input.TicketNumber.Trim(), ct);
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(input.TicketNumber) && ticket is null)
        {
            errors["ticketNumber"] = [l["Tickets.NotFound", input.TicketNumber]];
        }
        var customerId = input.CustomerId ?? ticket?.CustomerId;
        var customer = customerId is { } cid ? await db.Customers.FirstOrDefaultAsync(c => c.Id == cid, ct) : null;
        if (customer is null)
        {
            errors["customerId"] = [l[customerId is null ? "Feedback.CustomerRequired" : "Feedback.CustomerUnknown"]];
        }
        // The ticket's contact is the default only when the entry is about the ticket's own customer.
        var contactId = input.ContactId ?? (ticket?.CustomerId == customerId ? ticket?.ContactId : null);
        var contact = contactId is { } kid ? await db.Contacts.FirstOrDefaultAsync(c => c.Id == kid, ct) : null;
        if (contactId is not null && customer is not null && contact?.CustomerId != customer.Id)
        {
            errors["contactId"] = [l["Feedback.ContactNotOfCustomer", customer.Name]];
        }
        var kind = input.Kind ?? KindOf(ticket);
        FeedbackValidation.Check(errors, kind, input.Category, input.Description, input.ReceivedOn, desk.Today, l);
        if (errors.Count > 0)
        {
            return Outcome<FeedbackView>.Invalid(errors);
        }
        if (ticket is not null && await db.FeedbackEntries.AnyAsync(f => f.TicketId == ticket.Id, ct))
        {
            return Outcome<FeedbackView>.Fail(l["Feedback.TicketHasEntry", ticket.Number]);
        }

        var now = desk.UtcNow;
        var receivedOn = input.ReceivedOn ?? (ticket is null ? desk.Today : DateOnly.FromDateTime(desk.Local(ticket.ContactedAt)));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var year = TimeZoneInfo.ConvertTime(now, desk.TimeZone).Year;
        var number = FeedbackEntry.FormatNumber(year, await YearlySequence.NextAsync(db, YearlySequence.Feedback, year, ct));
        IReadOnlyCollection<string> told;
        FeedbackEntry entry;
        try
        {
            entry = new FeedbackEntry(number, kind!.Value, input.Category!.Value, customer!.Id, contact?.Id, input.Description!, receivedOn, ticket, actor, now);
            db.FeedbackEntries.Add(entry);
            ticket?.RecordFeedback(number, $"{l[$"FeedbackKind.{entry.Kind}"]}: {entry.Description}", actor, now);
            await acknowledgements.AcknowledgeAsync(db, entry, ticket, customer, contact, actor, now, ct);
            told = await TellHeadsAsync(db, entry, customer.Name, actor, now, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DomainException e)
        {
            return Outcome<FeedbackView>.Fail(e.Describe(l), e.Kind);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<FeedbackView>.Fail(l["Tickets.ChangedMeanwhile", ticket?.Number ?? ""]);
        }
        catch (DbUpdateException) when (ticket is not null)
        {
            // One entry per ticket: someone recorded this ticket a moment ago. Anything else is not for the person to fix.
            await using var fresh = await contexts.CreateDbContextAsync(ct);
            if (!await fresh.FeedbackEntries.AnyAsync(f => f.TicketId == ticket.Id, ct))
            {
                throw;
            }
            return Outcome<FeedbackView>.Fail(l["Feedback.TicketHasEntry", ticket.Number]);
        }
        notices.Announce(told);
        outbox.Notify();
        logger.LogInformation("Feedback {Number} ({Kind}) recorded by {Actor} for customer {CustomerId}; acknowledgement {Acknowledgement}",
            number, entry.Kind, actor.Name, customer.Id, entry.Acknowledgement);
        return Outcome<FeedbackView>.Ok((await queries.GetAsync(number, ct))!);
    }

    /// <summary>The head records the outcome (rewritable while open) and, with <see cref="ReviewRequest.Close"/>, closes the entry.</summary>
    public async Task<Outcome<FeedbackView>> ReviewAsync(string number, ReviewRequest request, Actor actor, CancellationToken ct)
    {
        var outcome = request.Outcome?.Trim();
        if (!request.Close && string.IsNullOrEmpty(outcome))
        {
            return Outcome<FeedbackView>.Invalid("outcome", l["Feedback.OutcomeRequired"]);
        }
        if (outcome?.Length > FeedbackEntry.MaxOutcomeLength)
        {
            return Outcome<FeedbackView>.Invalid("outcome", l["Feedback.TooLong", FeedbackEntry.MaxOutcomeLength]);
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var entry = await db.FeedbackEntries.FirstOrDefaultAsync(f => f.Number == number, ct);
        if (entry is null)
        {
            return Outcome<FeedbackView>.Fail(l["Feedback.NotFound", number], DomainErrorKind.NotFound);
        }
        var now = desk.UtcNow;
        try
        {
            if (!string.IsNullOrEmpty(outcome) && outcome != entry.Outcome)
            {
                entry.RecordOutcome(outcome, actor, now);
            }
            if (request.Close)
            {
                entry.Close(actor, now);
            }
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            return Outcome<FeedbackView>.Fail(e.Describe(l), e.Kind);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<FeedbackView>.Fail(l["Feedback.ChangedMeanwhile", number]);
        }
        logger.LogInformation("Feedback {Number} reviewed by {Actor}{Closed}", number, actor.Name, request.Close ? " and closed" : "");
        return Outcome<FeedbackView>.Ok((await queries.GetAsync(number, ct))!);
    }

    /// <summary>From a ticket classified as a suggestion or complaint, the kind is the ticket's.</summary>
    public static FeedbackKind? KindOf(Ticket? ticket) => ticket?.Classification switch
    {
        Classification.Suggestion => FeedbackKind.Suggestion,
        Classification.Complaint => FeedbackKind.Complaint,
        _ => null,
    };

    /// <summary>A complaint is a quality event: every active head of implementation gets a notice (the bell).</summary>
    private async Task<IReadOnlyCollection<string>> TellHeadsAsync(AyudaDb db, FeedbackEntry entry, string customerName, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (entry.Kind != FeedbackKind.Complaint)
        {
            return [];
        }
        var role = db.Roles.Where(r => r.Name == Roles.HeadOfImplementation).Select(r => r.Id);
        var heads = await db.Users.AsNoTracking().Where(u => u.IsActive && u.Id != actor.Id && db.UserRoles.Any(ur => ur.UserId == u.Id && role.Contains(ur.RoleId)))
            .Select(u => u.Id).ToListAsync(ct);
        foreach (var head in heads)
        {
            db.StaffNotices.Add(new StaffNotice(head, l["Feedback.Notice", entry.Number, customerName, actor.Name], $"/feedback/{entry.Number}", now));
        }
        return heads;
    }
}
