using Ayuda.Data;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Tests.Data;

/// <summary>Fails when the model changed and a provider's migration was not added (dotnet ef migrations add ... --context X).</summary>
public sealed class MigrationTests
{
    [Fact]
    public void Sqlite_migrations_cover_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes without a SQLite migration.");
    }

    [Fact]
    public void Postgres_migrations_cover_the_model()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes without a PostgreSQL migration.");
    }
}
