using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Data.Common;
using System.Runtime.CompilerServices;

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
/// Watches every save for added or changed tickets and raises <see cref="TicketSignal"/> after the commit (after the
/// explicit transaction when there is one), so a page that re-queries at once already sees the change.
/// </summary>
internal sealed class TicketSaveWatcher(TicketSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>Which lease of a pooled context saved tickets; a mark left by a lease that never committed is not this one's.</summary>
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

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

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<Ticket>().Any(e => e.State is EntityState.Added or EntityState.Modified))
        {
            _pending.AddOrUpdate(context, context.ContextId);
        }
    }

    private void Saved(DbContext? context)
    {
        // Inside an explicit transaction nothing is visible yet: wait for its commit.
        if (context?.Database.CurrentTransaction is null)
        {
            Committed(context);
        }
    }

    private void Failed(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Forget(context);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var lease) && _pending.Remove(context) && lease is DbContextId id && id == context.ContextId)
        {
            signal.Raise();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
