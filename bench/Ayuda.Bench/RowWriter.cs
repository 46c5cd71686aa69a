using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace Ayuda.Bench;

/// <summary>
/// Writes entities as rows of the table EF maps them to, with the columns and value conversions EF's model says (enum
/// names, SQLite's DateTimeOffset ticks), so a raw bulk load stores exactly what the app would. Keys and foreign keys
/// the app leaves to the database come from <c>overrides</c>.
/// </summary>
public sealed class RowShape<T> where T : class
{
    private readonly (string Column, Func<T, object?> Value, ValueConverter? Converter)[] _columns;

    public RowShape(IModel model, IReadOnlyDictionary<string, Func<T, object?>> overrides)
    {
        var entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        Table = entity.GetTableName()!;
        var table = StoreObjectIdentifier.Table(Table, entity.GetSchema());
        var columns = new List<(string, Func<T, object?>, ValueConverter?)>();
        foreach (var property in entity.GetProperties())
        {
            Func<T, object?> value;
            if (overrides.TryGetValue(property.Name, out var given))
            {
                value = given;
            }
            else if (property.PropertyInfo is { } info)
            {
                var parameter = Expression.Parameter(typeof(T));
                value = Expression.Lambda<Func<T, object?>>(Expression.Convert(Expression.Property(parameter, info), typeof(object)), parameter).Compile();
            }
            else
            {
                throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} has no CLR property: give it a value.");
            }
            columns.Add((property.GetColumnName(table)!, value, property.GetTypeMapping().Converter));
        }
        _columns = [.. columns];
    }

    public string Table { get; }

    public IEnumerable<string> Columns => _columns.Select(c => c.Column);

    public int Count => _columns.Length;

    /// <summary>The values as the database stores them.</summary>
    public void Fill(T row, object?[] values)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            var (_, value, converter) = _columns[i];
            var raw = value(row);
            values[i] = raw is null ? null : converter is null ? raw : converter.ConvertToProvider(raw);
        }
    }
}

/// <summary>Bulk rows into one table: a prepared, reused INSERT on SQLite; binary COPY on PostgreSQL.</summary>
public abstract class TableLoad<T> : IAsyncDisposable where T : class
{
    protected TableLoad(RowShape<T> shape)
    {
        Shape = shape;
        Values = new object?[shape.Count];
    }

    protected RowShape<T> Shape { get; }
    protected object?[] Values { get; }
    public long Rows { get; private set; }

    public async ValueTask WriteAsync(T row)
    {
        Shape.Fill(row, Values);
        await WriteValuesAsync();
        Rows++;
    }

    protected abstract ValueTask WriteValuesAsync();

    public abstract ValueTask DisposeAsync();

    protected static string Quote(string name) => $"\"{name}\"";
}

public sealed class SqliteTableLoad<T> : TableLoad<T> where T : class
{
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _parameters;

    public SqliteTableLoad(SqliteConnection connection, RowShape<T> shape) : base(shape)
    {
        _insert = connection.CreateCommand();
        var columns = shape.Columns.ToArray();
        _insert.CommandText = $"INSERT INTO {Quote(shape.Table)} ({string.Join(", ", columns.Select(Quote))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        _parameters = columns.Select((_, i) => _insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
    }

    /// <summary>The transaction the next rows go into (the loader commits every so many rows).</summary>
    public SqliteTransaction? Transaction
    {
        set
        {
            _insert.Transaction = value;
            _insert.Prepare();
        }
    }

    protected override ValueTask WriteValuesAsync()
    {
        for (var i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].Value = Values[i] ?? DBNull.Value;
        }
        _insert.ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        _insert.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresTableLoad<T> : TableLoad<T> where T : class
{
    private readonly NpgsqlBinaryImporter _copy;

    private PostgresTableLoad(RowShape<T> shape, NpgsqlBinaryImporter copy) : base(shape) => _copy = copy;

    public static async Task<PostgresTableLoad<T>> StartAsync(NpgsqlConnection connection, RowShape<T> shape) =>
        new(shape, await connection.BeginBinaryImportAsync(
            $"COPY {Quote(shape.Table)} ({string.Join(", ", shape.Columns.Select(Quote))}) FROM STDIN (FORMAT BINARY)"));

    protected override async ValueTask WriteValuesAsync()
    {
        await _copy.StartRowAsync();
        foreach (var value in Values)
        {
            switch (value)
            {
                case null: await _copy.WriteNullAsync(); break;
                case string s: await _copy.WriteAsync(s, NpgsqlDbType.Text); break;
                case long l: await _copy.WriteAsync(l, NpgsqlDbType.Bigint); break;
                case int n: await _copy.WriteAsync(n, NpgsqlDbType.Integer); break;
                case bool b: await _copy.WriteAsync(b, NpgsqlDbType.Boolean); break;
                case DateTimeOffset d: await _copy.WriteAsync(d.ToUniversalTime(), NpgsqlDbType.TimestampTz); break;
                case DateOnly d: await _copy.WriteAsync(d, NpgsqlDbType.Date); break;
                default: throw new NotSupportedException($"No COPY mapping for {value.GetType().Name} in {Shape.Table}.");
            }
        }
    }

    /// <summary>Completes the COPY (rows are visible only after this).</summary>
    public async Task<ulong> CompleteAsync() => await _copy.CompleteAsync();

    public override async ValueTask DisposeAsync() => await _copy.DisposeAsync();
}

public static class Sql
{
    public static async Task ExecuteAsync(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
