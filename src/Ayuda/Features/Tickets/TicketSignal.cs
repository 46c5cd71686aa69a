using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Ayuda.Infrastructure;

namespace Ayuda.Features.Tickets;

/// <summary>
/// Tells open pages of this host that some ticket changed (any save, by any use case, worker or channel), once the
/// change is committed. Other hosts do not hear it: pages that listen also refresh on a timer.
/// </summary>
public sealed class TicketSignal
{
    public event Action? Changed;

    public void Raise() => Changed?.Invoke();
}

/// <summary>
/// Watches every save for added or changed tickets and has <see cref="TicketSignal"/> raised after the commit (after the
/// explicit transaction when there is one, through <see cref="AfterCommit"/>), so a page that re-queries at once
/// already sees the change.
/// </summary>
internal sealed class TicketSaveWatcher(TicketSignal signal) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<Ticket>().Any(e => e.State is EntityState.Added or EntityState.Modified))
        {
            // The same delegate once per commit: several saves in one transaction raise the signal once.
            AfterCommit.Register(context, signal.Raise);
        }
    }
}
