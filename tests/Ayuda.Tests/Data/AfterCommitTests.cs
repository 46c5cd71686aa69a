using Ayuda.Data;
using Ayuda.Infrastructure;
using Ayuda.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayuda.Tests.Data;

/// <summary>
/// Work registered to run after a commit (the on-call bell) runs once the change is committed, never when it was not:
/// not even when the pooled context is handed to the next caller without a rollback having been seen.
/// </summary>
public sealed class AfterCommitTests(SqliteDesk desk) : IClassFixture<SqliteDesk>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Work_of_a_transaction_that_never_committed_does_not_run_on_the_next_use_of_the_pooled_context()
    {
        var contexts = desk.App.Services.GetRequiredService<IDbContextFactory<AyudaDb>>();
        var ran = new List<string>();
        AyudaDb first;
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            first = db;
            var transaction = await db.Database.BeginTransactionAsync(Ct);
            AfterCommit.Register(db, () => ran.Add("abandoned"));
            // The caller returns early (a conflict, a duplicate) without committing or rolling back.
        }

        // The pool hands instances out in turn: rent until the abandoned one comes back.
        for (var rent = 0; rent < 1000; rent++)
        {
            await using var db = await contexts.CreateDbContextAsync(Ct);
            if (!ReferenceEquals(first, db))
            {
                continue;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            AfterCommit.Register(db, () => ran.Add("committed"));
            await transaction.CommitAsync(Ct);
            break;
        }

        Assert.Equal(["committed"], ran);
    }

    [Fact]
    public async Task Work_that_fails_after_a_commit_does_not_make_the_committed_change_look_failed()
    {
        var contexts = desk.App.Services.GetRequiredService<IDbContextFactory<AyudaDb>>();
        var ran = new List<string>();
        var name = $"after-commit-{Guid.NewGuid():N}";
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.WorkerLeases.Add(new WorkerLease { Name = name, Owner = "test", Until = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);
            AfterCommit.Register(db, () => throw new InvalidOperationException("a bell that cannot ring"));
            AfterCommit.Register(db, () => ran.Add("next"));
            // Were this to throw, a caller would think its change was not saved and save it again.
            await transaction.CommitAsync(Ct);
        }

        Assert.Equal(["next"], ran);
        await using var check = await contexts.CreateDbContextAsync(Ct);
        Assert.True(await check.WorkerLeases.AnyAsync(l => l.Name == name, Ct));
    }
}
