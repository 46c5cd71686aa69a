using Ayuda.Data;
using Ayuda.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Ayuda.Tests.Data;

/// <summary>
/// What is written reaches the database file itself within about a second, not only SQLite's write-ahead log: the log
/// is copied back by the host's checkpointer, off the path of the writes (which, left to SQLite, copy it themselves only
/// once it passes its threshold, thousands of pages later).
/// </summary>
public sealed class SqliteCheckpointerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_copy_of_the_database_file_alone_holds_a_customer_saved_a_moment_ago()
    {
        await using var app = new AyudaApp(DatabaseProvider.Sqlite);
        app.CreateClient().Dispose();
        await using (var db = await app.DbAsync())
        {
            db.Customers.Add(new Ayuda.Features.Customers.Customer("Molinos del Litoral S.A.", "30-71234567-1", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(Ct);
        }

        var file = Path.Combine(app.DataDirectory, "ayuda.db");
        var found = await Eventually.Async(async () =>
        {
            // The file as a file copy sees it: alone, without its -wal (a fresh name each time, so no -shm of an earlier
            // look is read with it).
            var copy = Path.Combine(app.DataDirectory, $"copy-{Guid.NewGuid():N}.db");
            File.Copy(file, copy);
            await using var connection = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT count(*) FROM "Customers" WHERE "Name" = 'Molinos del Litoral S.A.'""";
            try
            {
                return (long)(await command.ExecuteScalarAsync(Ct))!;
            }
            catch (SqliteException e) when (e.Message.Contains("no such table", StringComparison.Ordinal))
            {
                return -1; // not even the schema has reached the file yet
            }
        }, n => n == 1, "the customer in the database file itself", seconds: 10);
        Assert.Equal(1, found);
    }
}
