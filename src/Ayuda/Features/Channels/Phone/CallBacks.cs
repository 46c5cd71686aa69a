using Ayuda.Data;
using Ayuda.Features.Customers;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Channels.Phone;

/// <summary>Schedules a call-back on a ticket and records its outcome; both are written on the ticket's timeline.</summary>
public sealed class CallBacks(
    IDbContextFactory<AyudaDb> contexts,
    CallQueries queries,
    Closing.ResolveAndNotify notify,
    DeskClock desk,
    IStringLocalizer<Strings> l,
    ILogger<CallBacks> logger)
{
    /// <summary><paramref name="DueAt"/> with its offset (the page sends the desk's local time with the desk's offset).</summary>
    public sealed record ScheduleRequest(DateTimeOffset? DueAt, string? OwnerId = null, string? Note = null, string? Number = null);

    /// <summary>What came of the call; with <c>CloseTicket</c> the call answered the customer, so the ticket is resolved with the outcome and closed.</summary>
    public sealed record OutcomeRequest(string? Outcome, bool CloseTicket = false);

    /// <summary>Who can own a call-back: the people who talk to customers.</summary>
    private static readonly string[] OwnerRoles = [Roles.Consultant, Roles.HeadOfImplementation, Roles.Administration];

    public async Task<Outcome<CallBackView>> ScheduleAsync(string ticketNumber, ScheduleRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var now = desk.UtcNow;
        var errors = new Dictionary<string, string[]>();
        if (request.DueAt is not { } due)
        {
            errors["dueAt"] = [l["CallBacks.DueRequired"]];
        }
        else if (due < now.AddMinutes(-1))
        {
            errors["dueAt"] = [l["CallBacks.DueInPast"]];
        }
        else if (due > now.AddYears(1))
        {
            errors["dueAt"] = [l["CallBacks.DueTooFar"]];
        }
        if ((request.Note?.Length ?? 0) > CallBack.MaxNoteLength)
        {
            errors["note"] = [l["CallBacks.NoteTooLong", CallBack.MaxNoteLength]];
        }
        if (errors.Count > 0)
        {
            return Outcome<CallBackView>.Invalid(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Number == ticketNumber, cancellationToken);
        if (ticket is null)
        {
            return Outcome<CallBackView>.Fail(l["Tickets.NotFound", ticketNumber], DomainErrorKind.NotFound);
        }
        var ownerId = string.IsNullOrWhiteSpace(request.OwnerId) ? actor.Id : request.OwnerId.Trim();
        var roleIds = db.Roles.Where(r => OwnerRoles.Contains(r.Name!)).Select(r => r.Id);
        var owner = await db.Users.AsNoTracking()
            .Where(u => u.Id == ownerId && u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            return Outcome<CallBackView>.Invalid("ownerId", l["CallBacks.OwnerInvalid"]);
        }
        var number = await NumberAsync(db, ticket, request.Number, cancellationToken);
        if (number is null)
        {
            return Outcome<CallBackView>.Invalid("number", l["CallBacks.NumberRequired"]);
        }
        try
        {
            var callBack = new CallBack(ticket, owner.Id, owner.DisplayName, request.DueAt!.Value.ToUniversalTime(), number, request.Note ?? "", actor, now);
            db.CallBacks.Add(callBack);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Call-back {Id} on {Number} for {Owner} at {DueAt}", callBack.Id, ticket.Number, owner.Id, callBack.DueAt);
            return Outcome<CallBackView>.Ok((await queries.CallBacksAsync(new CallBackFilter(TicketNumber: ticket.Number, Open: null), CallQueries.MaxPageSize, cancellationToken)).First(c => c.Id == callBack.Id));
        }
        catch (DomainException e)
        {
            return Outcome<CallBackView>.Fail(e.Describe(l), e.Kind);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<CallBackView>.Fail(l["Tickets.ChangedMeanwhile", ticketNumber]);
        }
    }

    /// <summary>Records what came of the call. The owner records it, or the head of implementation on their behalf.</summary>
    /// <remarks>Closing the ticket with the outcome needs someone who may resolve tickets (<c>mayResolve</c>: Implementation).</remarks>
    public async Task<Outcome<CallBackView>> CompleteAsync(long id, OutcomeRequest request, Actor actor, bool isHead, bool mayResolve, CancellationToken cancellationToken)
    {
        if (request.CloseTicket && !mayResolve)
        {
            return Outcome<CallBackView>.Fail(l["CallBacks.CloseNeedsImplementation"]);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var callBack = await db.CallBacks.Include(c => c.Ticket).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (callBack is null)
        {
            return Outcome<CallBackView>.Fail(l["CallBacks.NotFound", id], DomainErrorKind.NotFound);
        }
        if (callBack.OwnerId != actor.Id && !isHead)
        {
            return Outcome<CallBackView>.Fail(l["CallBacks.NotYours", callBack.OwnerName]);
        }
        try
        {
            var now = desk.UtcNow;
            if (request.CloseTicket && !(callBack.Ticket!.State == Tickets.TicketState.Pending || Tickets.TicketStates.CanMove(callBack.Ticket.State, Tickets.TicketState.Resolved)))
            {
                throw DomainException.Conflict("Ticket.ResolveNotNow", callBack.Ticket.Number, callBack.Ticket.State);
            }
            callBack.Complete(request.Outcome ?? "", actor, now);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Invalid)
        {
            return Outcome<CallBackView>.Invalid("outcome", e.Describe(l));
        }
        catch (DomainException e)
        {
            return Outcome<CallBackView>.Fail(e.Describe(l), e.Kind);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<CallBackView>.Fail(l["Tickets.ChangedMeanwhile", callBack.Ticket!.Number]);
        }
        if (request.CloseTicket)
        {
            // The call answered the customer: the case ends as any answered query, with its closing notification.
            var closed = await notify.AnswerAsync(callBack.Ticket!.Number, callBack.Outcome!, actor, cancellationToken);
            if (!closed.Succeeded)
            {
                return Outcome<CallBackView>.Fail(l["CallBacks.DoneButNotClosed", string.Join(" ", closed.Messages)], closed.Kind);
            }
        }
        return Outcome<CallBackView>.Ok((await queries.CallBacksAsync(new CallBackFilter(TicketNumber: callBack.Ticket!.Number, Open: null), CallQueries.MaxPageSize, cancellationToken)).First(c => c.Id == id));
    }

    /// <summary>The number given, else the ticket contact's first phone, else the number the ticket came from.</summary>
    private static async Task<string?> NumberAsync(AyudaDb db, Tickets.Ticket ticket, string? given, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return Phones.Normalise(given) ?? (given.Trim().Length <= Call.MaxNumberLength ? given.Trim() : null);
        }
        if (ticket.ContactId is { } contactId)
        {
            var phone = await db.Contacts.AsNoTracking().Where(c => c.Id == contactId).SelectMany(c => c.Phones).Select(p => p.Number).FirstOrDefaultAsync(ct);
            if (phone is not null)
            {
                return phone;
            }
        }
        return Phones.Normalise(ticket.From);
    }
}
