using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ayuda.Data;

/// <summary>
/// Writes new entities as rows of the tables EF maps them to, on the context's connection and inside its transaction,
/// without the change tracker: the columns, value conversions and parameter types are EF's own (from the model), so
/// the rows are exactly those <c>SaveChanges</c> would write. For the one hot path that writes many small aggregates one
/// after another (intake's bursts): there, EF's per-save work (ordering commands, fixing up navigations, detecting and
/// accepting changes) cost three times the inserts themselves. Each statement is prepared once and reused for as long
/// as this object and its context's connection live (intake's writer keeps both open between bursts).
/// Only plain inserts: a store-generated key is read back with RETURNING and set on the entity; a foreign key is taken
/// from its navigation when that is set, or given by the caller; any other store-generated value is refused.
/// </summary>
public sealed class DirectInserts : IAsyncDisposable
{
    private readonly AyudaDb _db;
    private readonly Dictionary<(Type, int), DbCommand> _commands = [];

    public DirectInserts(AyudaDb db) => _db = db;

    /// <summary>Inserts <paramref name="entity"/>; its store-generated key, if any, is set on it.</summary>
    public async Task InsertAsync<T>(T entity, CancellationToken ct, params (string Property, object? Value)[] given) where T : class
    {
        var shape = Shape.Of(_db, typeof(T));
        var command = Command(shape, 1);
        Bind(command, shape, 0, entity, given);
        await ExecuteAsync(shape, command, shape.GeneratedKey is null ? null : entity, ct);
    }

    /// <summary>Runs the insert; with <paramref name="keyed"/>, reads the generated key back onto it.</summary>
    private static async Task ExecuteAsync(Shape shape, DbCommand command, object? keyed, CancellationToken ct)
    {
        try
        {
            if (keyed is null)
            {
                await command.ExecuteNonQueryAsync(ct);
                return;
            }
            var id = await command.ExecuteScalarAsync(ct) ?? throw new InvalidOperationException($"No key came back for {shape.Table}.");
            shape.SetKey(keyed, Convert.ChangeType(id, shape.GeneratedKey!.ClrType, System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (DbException e)
        {
            throw Failed(shape, e);
        }
    }

    /// <summary>As <c>SaveChanges</c> reports it, so callers handle a refused row (a repeated key) the same way.</summary>
    private static DbUpdateException Failed(Shape shape, DbException e) => new($"An insert into {shape.Table} failed: {e.Message}", e);

    /// <summary>
    /// Inserts <paramref name="entities"/> in one statement (their keys are not read back: for rows nothing else in the
    /// transaction refers to, such as timeline entries).
    /// </summary>
    public async Task InsertAllAsync<T>(IReadOnlyList<T> entities, CancellationToken ct, params (string Property, object? Value)[] given) where T : class
    {
        if (entities.Count == 0)
        {
            return;
        }
        var shape = Shape.Of(_db, typeof(T));
        var command = Command(shape, entities.Count);
        for (var i = 0; i < entities.Count; i++)
        {
            Bind(command, shape, i, entities[i], given);
        }
        await ExecuteAsync(shape, command, keyed: null, ct);
    }

    private DbCommand Command(Shape shape, int rows)
    {
        var transaction = _db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Direct inserts go into the caller's transaction: begin one first.");
        if (!_commands.TryGetValue((shape.Type, rows), out var command))
        {
            // One command per statement: SQLite compiles it (and the search triggers it fires) on its first run and
            // reuses that for every later row while the connection stays open.
            command = _db.Database.GetDbConnection().CreateCommand();
            command.CommandText = shape.Sql(rows);
            _commands[(shape.Type, rows)] = command;
        }
        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    private void Bind(DbCommand command, Shape shape, int row, object entity, (string Property, object? Value)[] given)
    {
        for (var c = 0; c < shape.Columns.Length; c++)
        {
            var column = shape.Columns[c];
            var value = column.Value(entity);
            foreach (var (property, givenValue) in given)
            {
                if (property == column.Property.Name)
                {
                    value = givenValue;
                }
            }
            command.Parameters.Add(column.Mapping.CreateParameter(command, Shape.ParameterName(row, c), value, column.Property.IsNullable));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }
        _commands.Clear();
    }

    /// <summary>How one entity type becomes a row: its table, its columns in order and the key the database generates.</summary>
    private sealed class Shape
    {
        private static readonly ConcurrentDictionary<(IModel, Type), Shape> Shapes = new();

        public required Type Type { get; init; }
        public required string Table { get; init; }
        public required Column[] Columns { get; init; }
        public IProperty? GeneratedKey { get; init; }
        private string Insert { get; init; } = "";
        private string Returning { get; init; } = "";
        private ISqlGenerationHelper Helper { get; init; } = null!;

        public static Shape Of(AyudaDb db, Type type) => Shapes.GetOrAdd((db.Model, type), static (key, db) => Build(db, key.Item2), db);

        public static string ParameterName(int row, int column) => $"p{row}_{column}";

        public string Sql(int rows)
        {
            var sql = new StringBuilder(Insert);
            for (var r = 0; r < rows; r++)
            {
                sql.Append(r == 0 ? " VALUES (" : ", (");
                for (var c = 0; c < Columns.Length; c++)
                {
                    sql.Append(c == 0 ? "" : ", ").Append(Helper.GenerateParameterNamePlaceholder(ParameterName(r, c)));
                }
                sql.Append(')');
            }
            return sql.Append(Returning).ToString();
        }

        public void SetKey(object entity, object value)
        {
            var key = GeneratedKey!;
            if (key.PropertyInfo?.SetMethod is { } setter)
            {
                setter.Invoke(entity, [value]);
            }
            else if (key.FieldInfo is { } field)
            {
                field.SetValue(entity, value);
            }
        }

        private static Shape Build(AyudaDb db, Type type)
        {
            var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            var table = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var helper = db.GetService<ISqlGenerationHelper>();
            var key = entity.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } only] ? only : null;
            var columns = new List<Column>();
            foreach (var property in entity.GetProperties())
            {
                if (property == key)
                {
                    continue;
                }
                if (property.ValueGenerated != ValueGenerated.Never && !property.IsForeignKey())
                {
                    throw new InvalidOperationException($"{type.Name}.{property.Name} is generated by the database: not a plain insert.");
                }
                columns.Add(new Column(property, property.GetRelationalTypeMapping(), ValueOf(entity, property)));
            }
            var names = string.Join(", ", columns.Select(c => helper.DelimitIdentifier(c.Property.GetColumnName(store)!)));
            return new Shape
            {
                Type = type,
                Table = table,
                Columns = [.. columns],
                GeneratedKey = key,
                Helper = helper,
                Insert = $"INSERT INTO {helper.DelimitIdentifier(table, entity.GetSchema())} ({names})",
                Returning = key is null ? "" : $" RETURNING {helper.DelimitIdentifier(key.GetColumnName(store)!)}",
            };
        }

        /// <summary>The property's value; a foreign key left unset takes its principal's key through the navigation.</summary>
        private static Func<object, object?> ValueOf(IEntityType entity, IProperty property)
        {
            if (property.IsShadowProperty())
            {
                throw new InvalidOperationException($"{entity.ClrType.Name}.{property.Name} is a shadow property: give it a value.");
            }
            var getter = property.GetGetter();
            var viaNavigation = property.GetContainingForeignKeys()
                .Where(fk => fk.Properties.Count == 1 && fk.DependentToPrincipal is not null)
                .Select(fk => (Navigation: fk.DependentToPrincipal!.GetGetter(), Key: fk.PrincipalKey.Properties[0].GetGetter()))
                .FirstOrDefault();
            if (viaNavigation.Navigation is null)
            {
                return getter.GetClrValueUsingContainingEntity;
            }
            return e =>
            {
                var value = getter.GetClrValueUsingContainingEntity(e);
                if ((value is null || getter.HasSentinelValueUsingContainingEntity(e)) && viaNavigation.Navigation.GetClrValueUsingContainingEntity(e) is { } principal)
                {
                    return viaNavigation.Key.GetClrValueUsingContainingEntity(principal);
                }
                return value;
            };
        }
    }

    private sealed record Column(IProperty Property, Microsoft.EntityFrameworkCore.Storage.RelationalTypeMapping Mapping, Func<object, object?> Value);
}
