using System.Data.Common;
using Ayuda.Data;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Search;

/// <summary>What both index adapters do the same way around their own SQL: parameters, reading ids, the rebuild.</summary>
internal static class SearchSql
{
    /// <summary>A command on the context's connection, opened through EF so the context closes it (and the connection interceptors run).</summary>
    public static async Task<DbCommand> CommandAsync(AyudaDb db, string sql, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>The first column of every row, as ids.</summary>
    public static async Task<IReadOnlyList<long>> ReadIdsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }
        return ids;
    }

    /// <summary>Runs a provider's rebuild script in one transaction, with time enough for a million tickets.</summary>
    public static async Task RebuildAsync(IDbContextFactory<AyudaDb> contexts, string rebuildSql, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(rebuildSql, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
