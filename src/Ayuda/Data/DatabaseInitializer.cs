using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ayuda.Data;

/// <summary>
/// Creates and migrates the database before the host serves anything; puts SQLite in WAL mode.
/// On PostgreSQL the whole migration runs under a session advisory lock: EF Core's own migration lock is released with
/// each migration's transaction, and a host starting at the same moment was seen applying the second migration again
/// ("column already exists"). A host that dies while migrating drops its connection, and with it the lock.
/// </summary>
internal sealed class DatabaseInitializer(
    IDbContextFactory<AyudaDb> contexts,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (options.Value.MigrateOnStart)
        {
            await using var migrating = await MigrationLock.TakeAsync(db, cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} database migrations ({Provider})", pending.Count, db.Database.ProviderName);
                // Some migrations rebuild an index or backfill a table: on a desk of a million tickets that takes minutes,
                // far beyond the 30 s a request's command may take.
                db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
                await db.Database.MigrateAsync(cancellationToken);
                db.Database.SetCommandTimeout(null);
                await FoldNamesAsync(db, cancellationToken);
            }
        }
        if (db.Database.IsSqlite())
        {
            // WAL lets readers and one writer work side by side; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            if (SqliteEngine.MemStatusResult is not (null or 0) and var result)
            {
                logger.LogInformation("SQLite was in use before Ayuda configured it (answer {Result}): its memory statistics stay on", result);
            }
        }
        logger.LogInformation("Database ready ({Provider})", db.Database.ProviderName);
    }

    /// <summary>Customers created before search names existed get theirs (the folding is .NET's, not SQL's).</summary>
    private static async Task FoldNamesAsync(AyudaDb db, CancellationToken cancellationToken)
    {
        var unfolded = await db.Customers.Where(c => c.SearchName == "").Take(10_000).ToListAsync(cancellationToken);
        foreach (var customer in unfolded)
        {
            customer.Rename(customer.Name);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>One host migrates at a time: a PostgreSQL advisory lock held on a connection of its own (nothing on SQLite, one host).</summary>
internal sealed class MigrationLock : IAsyncDisposable
{
    // Any fixed number; advisory locks are per database, so only Ayuda's hosts on this database wait on it.
    private const long Key = 0x41797564614D6967; // "AyudaMig"
    private readonly Npgsql.NpgsqlConnection? _connection;

    private MigrationLock(Npgsql.NpgsqlConnection? connection) => _connection = connection;

    public static async Task<MigrationLock> TakeAsync(AyudaDb db, CancellationToken cancellationToken)
    {
        if (db.Database.GetDbConnection() is not Npgsql.NpgsqlConnection)
        {
            return new MigrationLock(null);
        }
        // Unpooled: a pooled connection would keep its session, and the lock, after being closed.
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false };
        var connection = new Npgsql.NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", Key);
        // Waits as long as the host that holds the lock takes to migrate (minutes on a large desk); stopping the host cancels the wait.
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new MigrationLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            // Closing the session releases the lock.
            await _connection.DisposeAsync();
        }
    }
}
