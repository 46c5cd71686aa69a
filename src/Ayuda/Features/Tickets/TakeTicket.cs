using Ayuda.Infrastructure;

namespace Ayuda.Features.Tickets;

/// <summary>A consultant takes a Pending ticket. Of two taking at once, one wins; the other learns who has it.</summary>
public sealed class TakeTicket(TicketChanges changes, ILogger<TakeTicket> logger)
{
    public async Task<Outcome<TicketView>> ExecuteAsync(string number, Actor actor, CancellationToken cancellationToken)
    {
        var outcome = await changes.ApplyAsync(number, (t, now) => t.Take(actor, now), cancellationToken);
        if (outcome.Succeeded)
        {
            logger.LogInformation("Ticket {Number} taken by {UserId}", number, actor.Id);
        }
        return outcome;
    }
}
