using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ayuda.Data;

/// <summary>
/// Per-connection SQLite settings: foreign keys on, a busy timeout so concurrent writers wait instead of failing,
/// synchronous=NORMAL, which is durable under WAL (the journal mode itself is set once, on start), and temporary storage
/// in memory: an INSERT into Tickets runs the search-index triggers inside a statement journal, which SQLite otherwise
/// spills to a temporary file past 64 KiB (measured at 16 intake clients: 95 write calls per contact, 21 with it).
/// They belong to the physical connection, which the pool keeps open between uses, so they are set once per physical
/// connection: EF opens and closes the pooled connection around every query, and PRAGMAs parsed and run each time
/// cost more than many of the queries they preceded. The log's own checkpoint threshold is raised from 1,000 to 16,000
/// pages (64 MB): <see cref="SqliteCheckpointer"/> copies the log back every second off the writer's path, and this
/// threshold only matters if it stops.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=16000;";

    /// <summary>The native handles already set up; a handle leaves with its physical connection.</summary>
    private static readonly ConditionalWeakTable<object, object> Done = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsPragmas(connection, out var handle))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            Remember(handle);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsPragmas(connection, out var handle))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Remember(handle);
        }
    }

    private static bool NeedsPragmas(DbConnection connection, out object? handle)
    {
        handle = (connection as SqliteConnection)?.Handle;
        return handle is null || !Done.TryGetValue(handle, out _);
    }

    private static void Remember(object? handle)
    {
        if (handle is not null)
        {
            Done.AddOrUpdate(handle, handle);
        }
    }
}
