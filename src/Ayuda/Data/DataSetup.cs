using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Ayuda.Data;

/// <summary>Registers the provider chosen in configuration behind <see cref="AyudaDb"/>.</summary>
public static class DataSetup
{
    public static IHostApplicationBuilder AddAyudaData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        builder.Services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Every save of a ticket, whoever makes it, tells this host's open pages (the supervision dashboard) after commit.
        builder.Services.AddSingleton<TicketSignal>();
        builder.Services.AddSingleton<TicketSaveWatcher>();
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

        if (database.Provider == DatabaseProvider.Postgres)
        {
            var connectionString = builder.Configuration.GetConnectionString("Ayuda");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "Ayuda:Database:Provider is Postgres but ConnectionStrings:Ayuda is empty. " +
                    "Set it, e.g. ConnectionStrings__Ayuda=\"Host=localhost;Database=ayuda;Username=ayuda;Password=...\".");
            }
            builder.Services.AddPooledDbContextFactory<PostgresAyudaDb>((sp, o) => o
                .UseNpgsql(PostgresConnectionString(connectionString))
                .AddInterceptors(sp.GetRequiredService<TicketSaveWatcher>(), new AfterCommit(sp.GetRequiredService<ILogger<AfterCommit>>())));
            builder.Services.AddSingleton<IDbContextFactory<AyudaDb>, ForwardingFactory<PostgresAyudaDb>>();
        }
        else
        {
            var connectionString = SqliteConnectionString(builder.Configuration);
            SqliteEngine.Configure();
            builder.Services.AddPooledDbContextFactory<SqliteAyudaDb>((sp, o) => o
                .UseSqlite(connectionString)
                .ReplaceService<IRelationalTransactionFactory, SqliteGatedTransactionFactory>()
                .AddInterceptors(new SqlitePragmas(), new SqliteWriteGate(), new SqliteStatementGate(), sp.GetRequiredService<TicketSaveWatcher>(), new AfterCommit(sp.GetRequiredService<ILogger<AfterCommit>>()),
                    new SqlitePreparedWrites()));
            builder.Services.AddSingleton<IDbContextFactory<AyudaDb>, ForwardingFactory<SqliteAyudaDb>>();
            builder.Services.AddHostedService(sp => new SqliteCheckpointer(connectionString, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SqliteCheckpointer>>()));
        }

        // Identity's stores and the health check resolve the context directly: one per request scope.
        builder.Services.AddScoped<AyudaDb>(sp => sp.GetRequiredService<IDbContextFactory<AyudaDb>>().CreateDbContext());
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }

    /// <summary>The SQLite file <c>ayuda.db</c> inside <c>Ayuda:DataDirectory</c>, created if missing.</summary>
    internal static string SqliteConnectionString(IConfiguration configuration)
    {
        var dataDirectory = configuration[$"{AyudaOptions.Section}:{nameof(AyudaOptions.DataDirectory)}"] ?? new AyudaOptions().DataDirectory;
        var folder = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "ayuda.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    /// <summary>
    /// The operator's connection string, with PostgreSQL's JIT compilation off unless its <c>Options</c> set <c>jit</c>:
    /// every query Ayuda sends is short and indexed, but on a large desk the planner's estimate for some of them (a rare
    /// word's search over every index entry, say) passes <c>jit_above_cost</c>, and compiling the plan took longer than
    /// running it (tens of milliseconds at a million tickets).
    /// </summary>
    internal static string PostgresConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) != true)
        {
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c jit=off" : $"{builder.Options} -c jit=off";
        }
        return builder.ConnectionString;
    }

    /// <summary>The factory type is not covariant: hand out the provider's context as the abstract one.</summary>
    private sealed class ForwardingFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AyudaDb>
        where TContext : AyudaDb
    {
        public AyudaDb CreateDbContext() => inner.CreateDbContext();
    }
}
