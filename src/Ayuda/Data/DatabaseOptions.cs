namespace Ayuda.Data;

/// <summary>Settings under <c>Ayuda:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Ayuda:Database";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>; PostgreSQL reads <c>ConnectionStrings:Ayuda</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the host starts.</summary>
    public bool MigrateOnStart { get; set; } = true;
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
