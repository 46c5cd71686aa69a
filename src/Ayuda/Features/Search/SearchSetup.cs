using Ayuda.Data;

namespace Ayuda.Features.Search;

public static class SearchSetup
{
    public const string RebuildSwitch = Infrastructure.CommandLine.RebuildSearchIndex;

    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The adapter follows the database provider, as the DbContext does (DataSetup).
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddSingleton<ISearchIndex, PostgresSearchIndex>();
        }
        else
        {
            builder.Services.AddSingleton<ISearchIndex, SqliteSearchIndex>();
        }
        builder.Services.AddSingleton<SearchQueries>();
        return builder;
    }

    /// <summary>
    /// <c>dotnet run --project src/Ayuda -- --rebuild-search-index</c>: migrates the database if needed, rebuilds the
    /// whole search index from the source tables and returns true (the caller exits) without serving anything.
    /// </summary>
    public static async Task<bool> RunSearchRebuildIfAskedAsync(this WebApplication app, string[] args)
    {
        if (!args.Contains(RebuildSwitch, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Ayuda.Search");
        foreach (var initializer in app.Services.GetServices<IHostedService>().OfType<DatabaseInitializer>())
        {
            await initializer.StartAsync(CancellationToken.None);
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        logger.LogInformation("Rebuilding the search index");
        await app.Services.GetRequiredService<ISearchIndex>().RebuildAsync(CancellationToken.None);
        logger.LogInformation("Search index rebuilt in {Seconds:F1} s", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        return true;
    }
}
