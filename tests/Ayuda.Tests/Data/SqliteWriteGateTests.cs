using System.Diagnostics;
using Ayuda.Data;
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
}
