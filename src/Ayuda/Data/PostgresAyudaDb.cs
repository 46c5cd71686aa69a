using Microsoft.EntityFrameworkCore;

namespace Ayuda.Data;

/// <summary>The PostgreSQL provider, for teams that outgrow one machine.</summary>
public sealed class PostgresAyudaDb(DbContextOptions<PostgresAyudaDb> options) : AyudaDb(options);
