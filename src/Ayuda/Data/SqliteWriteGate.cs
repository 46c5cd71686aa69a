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

    /// <summary>
    /// Takes the gate for a write that runs outside any transaction (a single statement: ExecuteUpdate, ExecuteDelete,
    /// a one-row SaveChanges) and returns it, to give back when the statement is done; null when the connection already
    /// holds the gate for a transaction.
    /// </summary>
    internal static SemaphoreSlim? EnterStatement(DbConnection connection)
    {
        if (Holds(connection))
        {
            return null;
        }
        var gate = GateOf(connection);
        return gate.Wait(MaxWait) ? gate : throw Busy(connection);
    }

    /// <inheritdoc cref="EnterStatement"/>
    internal static async ValueTask<SemaphoreSlim?> EnterStatementAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (Holds(connection))
        {
            return null;
        }
        var gate = GateOf(connection);
        return await gate.WaitAsync(MaxWait, cancellationToken) ? gate : throw Busy(connection);
    }

    private static bool Holds(DbConnection connection) => Held.TryGetValue(connection, out var holding) && holding.Gate is not null;

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

/// <summary>
/// The same gate for writes outside a transaction, which would otherwise wait in SQLite's busy handler behind the
/// queue (and fail after the busy timeout): a statement that writes (INSERT, UPDATE, DELETE, REPLACE) with no
/// transaction takes the gate before it runs and gives it back when it has run, failed or its reader is disposed.
/// Statements inside a transaction already run under the gate their transaction took.
/// </summary>
internal sealed class SqliteStatementGate : DbCommandInterceptor
{
    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Enter(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(command, cancellationToken);
        return result;
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Leave(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Leave(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Enter(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(command, cancellationToken);
        return result;
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Leave(command);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Leave(command);
        return ValueTask.FromResult(result);
    }

    // A reader (INSERT … RETURNING of a one-row SaveChanges) holds the write until it is disposed.
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Enter(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(command, cancellationToken);
        return result;
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Leave(command);
        return result;
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Leave(command);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(command);
        return Task.CompletedTask;
    }

    public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Leave(command);

    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(command);
        return Task.CompletedTask;
    }

    private static readonly ConditionalWeakTable<DbCommand, SemaphoreSlim> Taken = [];

    private static void Enter(DbCommand command)
    {
        if (Gated(command) && SqliteWriteGate.EnterStatement(command.Connection!) is { } gate)
        {
            Taken.AddOrUpdate(command, gate);
        }
    }

    private static async ValueTask EnterAsync(DbCommand command, CancellationToken cancellationToken)
    {
        if (Gated(command) && await SqliteWriteGate.EnterStatementAsync(command.Connection!, cancellationToken) is { } gate)
        {
            Taken.AddOrUpdate(command, gate);
        }
    }

    /// <summary>Gives the gate back if this command took it, once however many of executed, failed and disposing follow.</summary>
    private static void Leave(DbCommand command)
    {
        if (Taken.TryGetValue(command, out var gate) && Taken.Remove(command))
        {
            gate.Release();
        }
    }

    /// <summary>A write with no transaction of its own; reads and statements inside a transaction pass straight through.</summary>
    internal static bool Gated(DbCommand command) => command.Transaction is null && command.Connection is not null && Writes(command.CommandText);

    internal static bool Writes(string sql)
    {
        var text = sql.AsSpan();
        while (true)
        {
            text = text.TrimStart();
            if (text.StartsWith("--"))
            {
                var end = text.IndexOf('\n');
                text = end < 0 ? [] : text[(end + 1)..];
            }
            else if (text.StartsWith("/*"))
            {
                var end = text.IndexOf("*/");
                text = end < 0 ? [] : text[(end + 2)..];
            }
            else
            {
                break;
            }
        }
        return StartsWithWord(text, "INSERT") || StartsWithWord(text, "UPDATE") || StartsWithWord(text, "DELETE") || StartsWithWord(text, "REPLACE");
    }

    private static bool StartsWithWord(ReadOnlySpan<char> text, string word) =>
        text.StartsWith(word, StringComparison.OrdinalIgnoreCase) && (text.Length == word.Length || !char.IsLetterOrDigit(text[word.Length]));
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
