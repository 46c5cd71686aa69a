using Microsoft.Data.Sqlite;

namespace Ayuda.Data;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file every second, on a connection of its own. Left to
/// SQLite, the commit that takes the log past its threshold does the copy and its file sync itself, inside the one
/// writer every other write waits for: at 16 intake clients on the 1M desk those commits were the slowest ones. A
/// passive checkpoint never waits for readers or the writer; what a busy moment leaves in the log is copied on the next
/// pass. The connections' own threshold stays, raised (<see cref="SqlitePragmas"/>), in case this pass stops.
/// </summary>
internal sealed class SqliteCheckpointer(string connectionString, TimeProvider clock, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        SqliteConnection? connection = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (connection is null)
                    {
                        // A connection of its own, outside the pool: one opened while a new file was not yet in WAL mode
                        // keeps answering "no log" (-1) and is replaced.
                        connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
                        await connection.OpenAsync(stoppingToken);
                    }
                    await using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    int busy = 0, log = -1, copied = -1;
                    await using (var reader = await command.ExecuteReaderAsync(stoppingToken))
                    {
                        if (await reader.ReadAsync(stoppingToken))
                        {
                            (busy, log, copied) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
                        }
                    }
                    logger.LogTrace("Checkpoint: {Busy} busy, {Log} frames in the log, {Copied} copied", busy, log, copied);
                    if (log < 0)
                    {
                        await ForgetAsync();
                    }
                }
                catch (Exception e) when (e is SqliteException or InvalidOperationException)
                {
                    logger.LogWarning(e, "SQLite checkpoint failed; the next pass tries again");
                    await ForgetAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await ForgetAsync();
        }

        async ValueTask ForgetAsync()
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
                connection = null;
            }
        }
    }
}
