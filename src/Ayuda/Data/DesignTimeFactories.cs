using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ayuda.Data;

/// <summary>Lets <c>dotnet ef migrations add X --context SqliteAyudaDb</c> build the model without a host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAyudaDb>
{
    public SqliteAyudaDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAyudaDb>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add X --context PostgresAyudaDb</c> build the model without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAyudaDb>
{
    public PostgresAyudaDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAyudaDb>().UseNpgsql("Host=localhost;Database=ayuda_design").Options);
}
