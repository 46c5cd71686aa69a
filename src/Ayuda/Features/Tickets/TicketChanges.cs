using Ayuda.Data;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Tickets;

/// <summary>
/// The one way a use case changes a ticket: load it, let the entity apply its rules, save with the concurrency
/// token, and turn a broken rule or a lost race into a sentence for the person (409, or 404 when it does not exist).
/// </summary>
public sealed class TicketChanges(IDbContextFactory<AyudaDb> contexts, TicketQueries queries, TimeProvider clock, IStringLocalizer<Strings> l)
{
    public async Task<Outcome<TicketView>> ApplyAsync(string number, Func<Ticket, AyudaDb, DateTimeOffset, Task> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Number == number, cancellationToken);
        if (ticket is null)
        {
            return Outcome<TicketView>.Fail(l["Tickets.NotFound", number], DomainErrorKind.NotFound);
        }
        var assigneeRead = ticket.AssigneeId;
        try
        {
            // One transaction: a change that must save in steps (a new contact, then the ticket pointing at it) is all or nothing.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await change(ticket, db, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DomainException e)
        {
            return Outcome<TicketView>.Fail(e.Describe(l), e.Kind);
        }
        catch (TicketTakenException e)
        {
            return await TakenAsync(e.AssigneeId, number, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone changed the ticket between our read and our write: if it changed hands, say who has it now;
            // otherwise (a note, an answer, a meeting) ask to look again.
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            var assignee = await fresh.Tickets.Where(t => t.Number == number).Select(t => t.AssigneeId).FirstOrDefaultAsync(cancellationToken);
            return assignee is not null && assignee != assigneeRead
                ? await TakenAsync(assignee, number, cancellationToken)
                : Outcome<TicketView>.Fail(l["Tickets.ChangedMeanwhile", number]);
        }
        return Outcome<TicketView>.Ok(await queries.ViewAsync(db, ticket, cancellationToken));
    }

    public Task<Outcome<TicketView>> ApplyAsync(string number, Action<Ticket, DateTimeOffset> change, CancellationToken cancellationToken) =>
        ApplyAsync(number, (t, _, now) =>
        {
            change(t, now);
            return Task.CompletedTask;
        }, cancellationToken);

    private async Task<Outcome<TicketView>> TakenAsync(string assigneeId, string number, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var name = await db.Users.Where(u => u.Id == assigneeId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "?";
        return Outcome<TicketView>.Fail(l["Tickets.TakenBy", number, name]);
    }
}
