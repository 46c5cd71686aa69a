using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Ayuda.Infrastructure;

/// <summary>
/// Work to do once a context's changes are committed (light a bell on open pages, wake the outbox), registered by code
/// that adds to a transaction it does not own — Intake's door is used by the phone form, the email reader and WhatsApp,
/// each committing on its own. Runs after the commit of the context's transaction, or after SaveChanges without one;
/// dropped on rollback.
/// </summary>
public sealed class AfterCommit(ILogger<AfterCommit>? logger = null) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    /// <summary>
    /// Keyed by the context object, but contexts are pooled: the work belongs to one lease of it (<see cref="DbContext.ContextId"/>).
    /// A caller that returns without committing or rolling back leaves its work behind; the next lease must not run it.
    /// </summary>
    private static readonly ConditionalWeakTable<DbContext, Pending> s_pending = [];

    private sealed record Pending(DbContextId Lease, List<Action> Actions);

    /// <summary>Adds <paramref name="action"/> to run after the commit; an equal delegate already waiting is not added twice.</summary>
    public static void Register(DbContext db, Action action)
    {
        if (!s_pending.TryGetValue(db, out var pending) || pending.Lease != db.ContextId)
        {
            pending = new Pending(db.ContextId, []);
            s_pending.AddOrUpdate(db, pending);
        }
        if (!pending.Actions.Contains(action))
        {
            pending.Actions.Add(action);
        }
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Run(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Run(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        RunUnlessInTransaction(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        RunUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => DropUnlessInTransaction(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        DropUnlessInTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>A save that failed outside a transaction changed nothing: its work must not run with a later save.</summary>
    private static void DropUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Drop(context);
        }
    }

    private void RunUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Run(context);
        }
    }

    private void Run(DbContext? context)
    {
        if (context is null || !s_pending.TryGetValue(context, out var pending))
        {
            return;
        }
        s_pending.Remove(context);
        if (pending.Lease != context.ContextId)
        {
            // Left behind by an earlier lease that never committed: that work never happened.
            return;
        }
        foreach (var action in pending.Actions)
        {
            // The commit stands whatever happens here: a failing bell or signal must not make the caller think it did not.
            try
            {
                action();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger?.LogError(e, "Work after a commit failed; the committed changes stand");
            }
        }
    }

    private static void Drop(DbContext? context)
    {
        if (context is not null)
        {
            s_pending.Remove(context);
        }
    }
}
