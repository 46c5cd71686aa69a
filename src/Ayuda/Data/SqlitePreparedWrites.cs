using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ayuda.Data;

/// <summary>
/// Reuses prepared SQLite statements for the writes of a transaction. EF sends every INSERT, UPDATE and DELETE as a new
/// command, which SQLite parses and plans again each time; an INSERT into Tickets also compiles the triggers that keep
/// the search index, which costs more than running it. The single SQLite writer does this while every other writer
/// waits, so inside a transaction each distinct write statement is prepared once and run again with the next values
/// (a burst of contacts written together: one ticket insert prepared instead of one per contact). The statements end
/// with their transaction: one left behind would keep its connection's snapshot of the file open after the commit.
/// Statements outside transactions, and reads, run as EF sends them.
/// </summary>
internal sealed class SqlitePreparedWrites : DbCommandInterceptor, IDbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbTransaction, Dictionary<string, SqliteCommand>> Prepared = [];

    /// <summary>More distinct write statements than this in one transaction run unprepared (nothing grows unbounded).</summary>
    private const int MaxPerTransaction = 64;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        result.HasResult || Reusable(command) is not { } prepared ? result : InterceptionResult<DbDataReader>.SuppressWithResult(prepared.ExecuteReader());

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        result.HasResult || Reusable(command) is not { } prepared
            ? result
            : InterceptionResult<DbDataReader>.SuppressWithResult(await prepared.ExecuteReaderAsync(cancellationToken));

    /// <summary>The prepared twin of <paramref name="command"/> in its transaction, carrying its values; null to run it as it is.</summary>
    private static SqliteCommand? Reusable(DbCommand command)
    {
        if (command is not SqliteCommand { Connection: { State: System.Data.ConnectionState.Open } connection, Transaction: { } transaction } sqlite
            || !IsWrite(sqlite.CommandText))
        {
            return null;
        }
        var statements = Prepared.GetOrCreateValue(transaction);
        if (!statements.TryGetValue(sqlite.CommandText, out var prepared))
        {
            if (statements.Count >= MaxPerTransaction)
            {
                return null;
            }
            prepared = connection.CreateCommand();
            prepared.CommandText = sqlite.CommandText;
            prepared.Transaction = transaction;
            UseParameters(sqlite, prepared);
            prepared.Prepare();
            statements[sqlite.CommandText] = prepared;
            return prepared;
        }
        prepared.CommandTimeout = sqlite.CommandTimeout;
        UseParameters(sqlite, prepared);
        return prepared;
    }

    /// <summary>EF's own parameter objects, so each value is bound exactly as EF set it up (type, size, null).</summary>
    private static void UseParameters(SqliteCommand from, SqliteCommand to)
    {
        to.Parameters.Clear();
        foreach (SqliteParameter p in from.Parameters)
        {
            to.Parameters.Add(p);
        }
    }

    private static bool IsWrite(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        return text.StartsWith("INSERT ", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("UPDATE ", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE ", StringComparison.OrdinalIgnoreCase);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Forget(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(transaction);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Forget(transaction);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(transaction);
        return Task.CompletedTask;
    }

    private static void Forget(DbTransaction transaction)
    {
        if (Prepared.TryGetValue(transaction, out var statements))
        {
            Prepared.Remove(transaction);
            foreach (var statement in statements.Values)
            {
                statement.Dispose();
            }
        }
    }
}
