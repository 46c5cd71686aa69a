using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ayuda.Data;

/// <summary>
/// One writer at a time per SQLite file, queued in this process instead of in SQLite's busy handler.
/// SQLite lets a single transaction write; the others wait in its busy handler, which sleeps 1, 2, 5 … 100 ms between
/// tries, so under concurrent intake most of the time went to sleeping while the file was free. Here a transaction
/// waits on a first-come-first-served async gate before <c>BEGIN IMMEDIATE</c> and the next one starts the moment the
/// previous commits, rolls back or is disposed. Another process on the same file (a backup) still meets the busy timeout.
/// </summary>
internal sealed class SqliteWriteGate : DbTransactionInterceptor
{
    /// <summary>As long as the busy timeout: a transaction that cannot start in this time fails as SQLite would have.</summary>
    internal static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<DbConnection, Holding> Held = [];

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        var gate = GateOf(connection);
        if (!gate.Wait(MaxWait))
        {
            throw Busy(connection);
        }
        try
        {
            // Begun here rather than by EF, so that a BEGIN that fails lets the next writer in.
            var transaction = connection.BeginTransaction(eventData.IsolationLevel);
            Held.AddOrUpdate(connection, new Holding { Gate = gate });
            return InterceptionResult<DbTransaction>.SuppressWithResult(transaction);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        var gate = GateOf(connection);
        if (!await gate.WaitAsync(MaxWait, cancellationToken))
        {
            throw Busy(connection);
        }
        try
        {
            var transaction = await connection.BeginTransactionAsync(eventData.IsolationLevel, cancellationToken);
            Held.AddOrUpdate(connection, new Holding { Gate = gate });
            return InterceptionResult<DbTransaction>.SuppressWithResult(transaction);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>Lets the next writer in; does nothing when this connection holds no gate (already released).</summary>
    internal static void Release(DbConnection connection)
    {
        if (Held.TryGetValue(connection, out var holding) && holding.Gate is { } gate)
        {
            holding.Gate = null;
            gate.Release();
        }
    }

    private static SemaphoreSlim GateOf(DbConnection connection) =>
        Gates.GetOrAdd(Path.GetFullPath(connection.DataSource), _ => new SemaphoreSlim(1, 1));

    private static TimeoutException Busy(DbConnection connection) =>
        new($"No write transaction could start on {Path.GetFileName(connection.DataSource)} within {MaxWait.TotalSeconds:0} s: another one held it.");

    private sealed class Holding
    {
        public SemaphoreSlim? Gate { get; set; }
    }
}

/// <summary>EF's transaction with one addition: the write gate opens as soon as it commits, rolls back or is disposed.</summary>
internal sealed class SqliteGatedTransactionFactory(RelationalTransactionFactoryDependencies dependencies) : IRelationalTransactionFactory
{
    public RelationalTransaction Create(IRelationalConnection connection, DbTransaction transaction, Guid transactionId,
        IDiagnosticsLogger<DbLoggerCategory.Database.Transaction> logger, bool transactionOwned) =>
        new GatedTransaction(connection, transaction, transactionId, logger, transactionOwned, dependencies.SqlGenerationHelper);

    private sealed class GatedTransaction(IRelationalConnection connection, DbTransaction transaction, Guid transactionId,
        IDiagnosticsLogger<DbLoggerCategory.Database.Transaction> logger, bool transactionOwned, ISqlGenerationHelper sqlGenerationHelper)
        : RelationalTransaction(connection, transaction, transactionId, logger, transactionOwned, sqlGenerationHelper)
    {
        private readonly DbConnection _connection = connection.DbConnection;

        public override void Commit()
        {
            try
            {
                base.Commit();
            }
            finally
            {
                SqliteWriteGate.Release(_connection);
            }
        }

        public override async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                await base.CommitAsync(cancellationToken);
            }
            finally
            {
                SqliteWriteGate.Release(_connection);
            }
        }

        public override void Rollback()
        {
            try
            {
                base.Rollback();
            }
            finally
            {
                SqliteWriteGate.Release(_connection);
            }
        }

        public override async Task RollbackAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                await base.RollbackAsync(cancellationToken);
            }
            finally
            {
                SqliteWriteGate.Release(_connection);
            }
        }

        public override void Dispose()
        {
            try
            {
                base.Dispose();
            }
            finally
            {
                SqliteWriteGate.Release(_connection);
            }
        }

        public override async ValueTask DisposeAsync()
        {
            try
            {
                await base.DisposeAsync();
            }
            finally
            {
                SqliteWriteGate.Release(_connection);
            }
        }
    }
}
