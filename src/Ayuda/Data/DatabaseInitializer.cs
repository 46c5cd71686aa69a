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
                await FoldNamesAsync(db, cancellationToken);
            }
        }
        if (db.Database.IsSqlite())
        {
            // WAL lets readers and one writer work side by side; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
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
