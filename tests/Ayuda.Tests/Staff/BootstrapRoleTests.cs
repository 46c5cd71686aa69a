using Ayuda.Data;
using Ayuda.Features.Staff;
using Ayuda.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayuda.Tests.Staff;

/// <summary>A role that cannot be created at start stops the start, instead of leaving a desk where nobody can hold it.</summary>
public sealed class BootstrapRoleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_missing_role_that_identity_refuses_to_create_stops_the_start_naming_the_role_and_the_reason()
    {
        using var first = new AyudaApp(DatabaseProvider.Sqlite);
        await using (var db = await first.DbAsync())
        {
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "AspNetRoles" WHERE "Name" = 'RnDManager'""", Ct);
        }
        using var restarted = new AyudaApp(first);
        // Identity's own extension point, as a deployment's policy would use it: this desk refuses role names with "R&D".
        using var host = restarted.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<IRoleValidator<IdentityRole>, NoRnD>()));

        var error = Assert.Throws<InvalidOperationException>(() => host.Services);

        Assert.Equal("Role RnDManager could not be created: NoRnD: R&D roles are not used here.", error.Message);
    }

    [Fact]
    public async Task Roles_already_there_start_normally_whatever_the_validators_say()
    {
        using var first = new AyudaApp(DatabaseProvider.Sqlite);
        _ = first.Services;
        using var restarted = new AyudaApp(first);
        using var host = restarted.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<IRoleValidator<IdentityRole>, NoRnD>()));

        await using var db = await host.Services.GetRequiredService<IDbContextFactory<AyudaDb>>().CreateDbContextAsync(Ct);
        Assert.Equal(Roles.All.Order(), (await db.Roles.AsNoTracking().Select(r => r.Name!).ToListAsync(Ct)).Order());
    }

    private sealed class NoRnD : IRoleValidator<IdentityRole>
    {
        public Task<IdentityResult> ValidateAsync(RoleManager<IdentityRole> manager, IdentityRole role) =>
            Task.FromResult(role.Name == Roles.RnDManager
                ? IdentityResult.Failed(new IdentityError { Code = "NoRnD", Description = "R&D roles are not used here." })
                : IdentityResult.Success);
    }
}
