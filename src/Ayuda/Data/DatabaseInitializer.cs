using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ayuda.Data;

/// <summary>
/// Creates and migrates the database before the host serves anything; puts SQLite in WAL mode.
/// EF Core takes a migration lock, so several hosts starting together on PostgreSQL do not collide.
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
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} database migrations ({Provider})", pending.Count, db.Database.ProviderName);
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        if (db.Database.IsSqlite())
        {
            // WAL lets readers and one writer work side by side; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        logger.LogInformation("Database ready ({Provider})", db.Database.ProviderName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
