namespace Ayuda.Bench;

/// <summary>Ayuda's own host, in this process, on the settings given (to migrate a database and use the app's services).</summary>
public static class BenchHost
{
    public static WebApplication Build(IEnumerable<string> settings)
    {
        string[] args = ["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Error",
            "--Logging:LogLevel:Microsoft.AspNetCore.DataProtection=Error", .. settings];
        var builder = WebApplication.CreateBuilder(args);
        builder.AddAyuda(args);
        var app = builder.Build();
        app.MapAyuda();
        return app;
    }

    /// <summary>The settings that point Ayuda at a database: a SQLite connection string (its folder) or a PostgreSQL one.</summary>
    public static List<string> DatabaseSettings(string provider, string connection)
    {
        if (provider.Equals("postgres", StringComparison.OrdinalIgnoreCase))
        {
            return ["--Ayuda:Database:Provider=Postgres", $"--ConnectionStrings:Ayuda={connection}"];
        }
        return ["--Ayuda:Database:Provider=Sqlite", $"--Ayuda:DataDirectory={SqliteFolder(connection)}"];
    }

    /// <summary>Ayuda keeps its SQLite database as <c>ayuda.db</c> in its data folder: the file named must be that one.</summary>
    public static string SqliteFolder(string connection)
    {
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource;
        if (string.IsNullOrEmpty(file) || !Path.GetFileName(file).Equals("ayuda.db", StringComparison.Ordinal))
        {
            throw new ArgumentException($"SQLite: give \"Data Source=<folder>/ayuda.db\" (Ayuda's file name in its data folder), not \"{connection}\".");
        }
        return Path.GetDirectoryName(Path.GetFullPath(file))!;
    }
}
