using Ayuda.Data;
using Ayuda.Features.Staff;
using Ayuda.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ayuda.Tests.Hosts;

/// <summary>Several hosts started at once on one empty PostgreSQL all come up, and the desk gets one first administrator.</summary>
public sealed class StartTogetherTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hosts_starting_together_on_an_empty_database_all_start_and_create_one_administrator()
    {
        await using var app = new AyudaApp(DatabaseProvider.Postgres, postgres);
        await using (var db = await app.DbAsync())
        {
            // Back to an empty desk (what the host just created on its start), then eight hosts' bootstraps at once.
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "AspNetUserRoles"; DELETE FROM "AspNetUsers"; DELETE FROM "AspNetRoles";""", Ct);
        }
        var options = Options.Create(new BootstrapOptions { AdminEmail = "primera@ayuda.test", AdminPassword = "Primera-Admin-2026", AdminName = "Primera" });
        var starts = Enumerable.Range(0, 8).Select(_ => new StaffBootstrap(app.Services.GetRequiredService<IServiceScopeFactory>(), options,
            app.Services.GetRequiredService<ILogger<StaffBootstrap>>())).ToList();
        using var go = new ManualResetEventSlim();
        var running = starts.Select(s => Task.Run(async () =>
        {
            go.Wait(Ct);
            await s.StartAsync(Ct);
        }, Ct)).ToList();
        go.Set();
        await Task.WhenAll(running);

        await using (var db = await app.DbAsync())
        {
            var users = await db.Users.AsNoTracking().ToListAsync(Ct);
            Assert.Equal("primera@ayuda.test", Assert.Single(users).Email);
            Assert.Equal(Roles.All.Order(), (await db.Roles.AsNoTracking().Select(r => r.Name!).ToListAsync(Ct)).Order());
        }
        using var scope = app.Services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var admin = (await manager.FindByEmailAsync("primera@ayuda.test"))!;
        Assert.Equal([Roles.SystemAdmin], await manager.GetRolesAsync(admin));
        Assert.True(await manager.CheckPasswordAsync(admin, "Primera-Admin-2026"));
    }
}
