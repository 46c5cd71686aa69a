using Ayuda.Data;
using Ayuda.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayuda.Tests.Data;

/// <summary>
/// The SQLite settings the app relies on (foreign keys enforced, a busy timeout, synchronous=NORMAL under WAL, temporary
/// storage in memory) hold on
/// every use of a connection, including the pooled physical connections reused after their first open.
/// </summary>
public sealed class SqlitePragmasTests(SqliteDesk desk) : IClassFixture<SqliteDesk>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_use_of_a_pooled_connection_enforces_foreign_keys_and_waits_for_a_busy_file()
    {
        var contexts = desk.App.Services.GetRequiredService<IDbContextFactory<AyudaDb>>();
        for (var use = 0; use < 5; use++)
        {
            await using var db = await contexts.CreateDbContextAsync(Ct);
            Assert.Equal(1L, await PragmaAsync(db, "foreign_keys"));
            Assert.Equal(10000L, await PragmaAsync(db, "busy_timeout"));
            Assert.Equal(1L, await PragmaAsync(db, "synchronous")); // NORMAL
            Assert.Equal(2L, await PragmaAsync(db, "temp_store")); // MEMORY: statement journals never reach a temp file
            Assert.Equal(16000L, await PragmaAsync(db, "wal_autocheckpoint")); // the checkpointer copies the log; this is its backstop
            Assert.Equal("wal", await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode").SingleAsync(Ct));
        }
    }

    [Fact]
    public async Task A_row_naming_a_customer_that_does_not_exist_is_refused_on_a_reused_connection()
    {
        var contexts = desk.App.Services.GetRequiredService<IDbContextFactory<AyudaDb>>();
        for (var use = 0; use < 3; use++)
        {
            await using var db = await contexts.CreateDbContextAsync(Ct);
            var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
                db.Database.ExecuteSqlRawAsync("""INSERT INTO "Contacts" ("CustomerId", "Name", "Position", "IsActive", "SearchName") VALUES (987654, 'Nadie', '', 1, 'nadie')""", Ct));
            Assert.Contains("FOREIGN KEY", refused.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static Task<long> PragmaAsync(AyudaDb db, string name) => name switch
    {
        "foreign_keys" => db.Database.SqlQueryRaw<long>("SELECT foreign_keys AS \"Value\" FROM pragma_foreign_keys").SingleAsync(Ct),
        "busy_timeout" => db.Database.SqlQueryRaw<long>("SELECT timeout AS \"Value\" FROM pragma_busy_timeout").SingleAsync(Ct),
        "synchronous" => db.Database.SqlQueryRaw<long>("SELECT synchronous AS \"Value\" FROM pragma_synchronous").SingleAsync(Ct),
        "temp_store" => db.Database.SqlQueryRaw<long>("SELECT temp_store AS \"Value\" FROM pragma_temp_store").SingleAsync(Ct),
        "wal_autocheckpoint" => ScalarAsync(db, "PRAGMA wal_autocheckpoint;"), // no table-valued form: it can be set
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static async Task<long> ScalarAsync(AyudaDb db, string sql)
    {
        await db.Database.OpenConnectionAsync(Ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            return (long)(await command.ExecuteScalarAsync(Ct))!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
