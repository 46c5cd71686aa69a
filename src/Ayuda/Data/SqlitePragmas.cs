using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ayuda.Data;

/// <summary>
/// Per-connection SQLite settings: foreign keys on, a busy timeout so concurrent writers wait instead of failing,
/// and synchronous=NORMAL, which is durable under WAL (the journal mode itself is set once, on start).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
