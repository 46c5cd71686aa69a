using Ayuda.Data;
using Ayuda.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayuda.Tests.Data;

/// <summary>
/// Ayuda's PostgreSQL connections run without JIT compilation (compiling a large desk's search plan cost more than
/// running it), unless the operator's connection string says otherwise.
/// </summary>
public sealed class PostgresConnectionTests(PostgresDesk desk) : IClassFixture<PostgresDesk>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_connection_of_the_app_has_jit_off()
    {
        var contexts = desk.App.Services.GetRequiredService<IDbContextFactory<AyudaDb>>();
        for (var use = 0; use < 3; use++)
        {
            await using var db = await contexts.CreateDbContextAsync(Ct);
            Assert.Equal("off", await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync(Ct));
        }
    }

    [Theory]
    [InlineData("Host=db;Database=ayuda;Username=ayuda", "-c jit=off")]
    [InlineData("Host=db;Database=ayuda;Username=ayuda;Options=-c statement_timeout=5000", "-c statement_timeout=5000 -c jit=off")]
    [InlineData("Host=db;Database=ayuda;Username=ayuda;Options=-c jit=on", "-c jit=on")]
    public void The_operators_options_are_kept_and_jit_is_added_only_when_they_do_not_name_it(string given, string options)
    {
        var built = new Npgsql.NpgsqlConnectionStringBuilder(DataSetup.PostgresConnectionString(given));
        Assert.Equal(options, built.Options);
        Assert.Equal("db", built.Host);
        Assert.Equal("ayuda", built.Database);
    }
}
