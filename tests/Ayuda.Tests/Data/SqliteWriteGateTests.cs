using System.Collections.Concurrent;
using System.Diagnostics;
using Ayuda.Data;
using Microsoft.Data.Sqlite;
using Ayuda.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayuda.Tests.Data;

/// <summary>
/// SQLite writers queue in the app, one at a time, and the next one starts as soon as the previous ends however it
/// ends: committed, rolled back, or abandoned by a caller that returned early. A leak would stall every save for 10 s.
/// </summary>
public sealed class SqliteWriteGateTests(SqliteDesk desk) : IClassFixture<SqliteDesk>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_second_writer_waits_for_the_first_and_starts_as_soon_as_it_is_abandoned()
    {
        var contexts = desk.App.Services.GetRequiredService<IDbContextFactory<AyudaDb>>();
        var first = await contexts.CreateDbContextAsync(Ct);
        await first.Database.BeginTransactionAsync(Ct);

        var second = Task.Run(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(Ct);
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await transaction.CommitAsync(Ct);
            return Stopwatch.GetTimestamp();
        }, Ct);
        await Task.Delay(300, Ct);
        Assert.False(second.IsCompleted, "the second writer started while the first still held the file");

        var released = Stopwatch.GetTimestamp();
        await first.DisposeAsync(); // no commit, no rollback: the caller returned early
        var started = await second.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.True(Stopwatch.GetElapsedTime(released, started) < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Writers_that_commit_roll_back_or_walk_away_never_leave_the_file_locked()
    {
        var contexts = desk.App.Services.GetRequiredService<IDbContextFactory<AyudaDb>>();
        var clock = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, 60).Select(i => Task.Run(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(Ct);
            var transaction = await db.Database.BeginTransactionAsync(Ct);
            await db.Database.ExecuteSqlAsync($"SELECT {i}", Ct);
            switch (i % 3)
            {
                case 0:
                    await transaction.CommitAsync(Ct);
                    break;
                case 1:
                    await transaction.RollbackAsync(Ct);
                    break;
                default:
                    break; // abandoned with the context
            }
        }, Ct));
        await Task.WhenAll(writers);
        // Sixty short transactions take milliseconds each; one leaked hold would cost the 10 s wait.
        Assert.True(clock.Elapsed < SqliteWriteGate.MaxWait, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_writer_waiting_behind_another_transaction_succeeds_even_with_a_one_millisecond_busy_timeout()
    {
        var contexts = desk.App.Services.GetRequiredService<IDbContextFactory<AyudaDb>>();
        var name = $"gate-test:{Guid.NewGuid():N}";
        await using var first = await contexts.CreateDbContextAsync(Ct);
        await using (var holding = await first.Database.BeginTransactionAsync(Ct))
        {
            await first.Database.ExecuteSqlAsync($"""INSERT INTO "WorkerLeases" ("Name", "Owner", "Until") VALUES ({name + ":first"}, 'first', '2000-01-01')""", Ct);

            var second = Task.Run(async () =>
            {
                await using var db = await ImpatientAsync(contexts);
                await using var transaction = await db.Database.BeginTransactionAsync(Ct);
                await db.Database.ExecuteSqlAsync($"""INSERT INTO "WorkerLeases" ("Name", "Owner", "Until") VALUES ({name + ":second"}, 'second', '2000-01-01')""", Ct);
                await transaction.CommitAsync(Ct);
            }, Ct);
            // Longer than SQLite would wait (1 ms, retried for 1 s): without the queue the second would fail "database is locked".
            await Task.Delay(1500, Ct);
            Assert.False(second.IsCompleted, second.Exception?.ToString() ?? "the second writer ran while the first held the file");
            await holding.CommitAsync(Ct);
            await second.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        }
        await using var check = await contexts.CreateDbContextAsync(Ct);
        Assert.Equal(2, await check.WorkerLeases.CountAsync(l => l.Name.StartsWith(name), Ct));
    }

    [Fact]
    public async Task Writers_waiting_for_the_file_get_it_in_the_order_they_asked()
    {
        var contexts = desk.App.Services.GetRequiredService<IDbContextFactory<AyudaDb>>();
        var order = new ConcurrentQueue<int>();
        await using var first = await contexts.CreateDbContextAsync(Ct);
        var holding = await first.Database.BeginTransactionAsync(Ct);
        var waiting = new List<Task>();
        for (var i = 1; i <= 5; i++)
        {
            var writer = i;
            waiting.Add(Task.Run(async () =>
            {
                await using var db = await contexts.CreateDbContextAsync(Ct);
                await using var transaction = await db.Database.BeginTransactionAsync(Ct);
                order.Enqueue(writer);
                await transaction.CommitAsync(Ct);
            }, Ct));
            await Task.Delay(150, Ct); // each one surely asks after the one before
        }
        Assert.Empty(order);
        await holding.CommitAsync(Ct);
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Equal([1, 2, 3, 4, 5], order);
    }

    [Fact]
    public async Task A_lease_update_outside_any_transaction_waits_its_turn_and_succeeds_with_a_one_millisecond_busy_timeout()
    {
        var contexts = desk.App.Services.GetRequiredService<IDbContextFactory<AyudaDb>>();
        var name = $"lease-test:{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            Assert.True(await WorkerLeases.TryAcquireAsync(db, name, "host-a", now, TimeSpan.FromSeconds(1), Ct));
        }
        await using var first = await contexts.CreateDbContextAsync(Ct);
        await using (var holding = await first.Database.BeginTransactionAsync(Ct))
        {
            await first.Database.ExecuteSqlAsync($"""UPDATE "WorkerLeases" SET "Owner" = "Owner" WHERE "Name" = {name}""", Ct);

            // The lease has run out: another host takes it with a single UPDATE (ExecuteUpdate, no transaction).
            var takeOver = Task.Run(async () =>
            {
                await using var db = await ImpatientAsync(contexts);
                return await WorkerLeases.TryAcquireAsync(db, name, "host-b", now.AddSeconds(5), TimeSpan.FromSeconds(30), Ct);
            }, Ct);
            await Task.Delay(1500, Ct);
            Assert.False(takeOver.IsCompleted, takeOver.Exception?.ToString() ?? "the update ran while another transaction held the file");
            await holding.CommitAsync(Ct);
            Assert.True(await takeOver.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        }
        await using var check = await contexts.CreateDbContextAsync(Ct);
        Assert.Equal("host-b", (await check.WorkerLeases.AsNoTracking().SingleAsync(l => l.Name == name, Ct)).Owner);
    }

    /// <summary>A context whose connection gives up on a locked file almost at once: SQLite's busy timeout 1 ms, retries for 1 s.</summary>
    private static async Task<AyudaDb> ImpatientAsync(IDbContextFactory<AyudaDb> contexts)
    {
        var db = await contexts.CreateDbContextAsync(Ct);
        await db.Database.OpenConnectionAsync(Ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA busy_timeout=1", Ct);
        // The app sets its PRAGMAs once per physical connection: this one must not go back to the pool impatient.
        SqliteConnection.ClearPool((SqliteConnection)db.Database.GetDbConnection());
        ((SqliteConnection)db.Database.GetDbConnection()).DefaultTimeout = 1;
        db.Database.SetCommandTimeout(1);
        return db;
    }
}
