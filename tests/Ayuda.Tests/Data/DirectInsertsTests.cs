using System.Data.Common;
using Ayuda.Data;
using Ayuda.Features.Channels.Phone;
using Ayuda.Features.Intake;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayuda.Tests.Data;

/// <summary>
/// Intake's plain inserts store exactly what EF's SaveChanges stores for the same ticket, timeline, call and key (every
/// column, as the database holds it), on both providers; a refused row is reported as SaveChanges reports it.
/// </summary>
public abstract class DirectInsertsTests(Desk desk)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 15, 16, 17, 123, TimeSpan.Zero);

    [Fact]
    public async Task A_ticket_its_timeline_its_call_and_its_key_are_stored_as_SaveChanges_stores_them()
    {
        var contexts = desk.App.Services.GetRequiredService<IDbContextFactory<AyudaDb>>();
        var run = Desk.Next();
        var (byEf, efCall, efKey) = Aggregate($"1999-{run:D6}", $"ef-{run}");
        var (direct, directCall, directKey) = Aggregate($"1998-{run:D6}", $"direct-{run}");

        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.Tickets.Add(byEf);
            db.Calls.Add(efCall);
            db.IntakeKeys.Add(efKey);
            await db.SaveChangesAsync(Ct);
            await transaction.CommitAsync(Ct);
        }
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await using (var rows = new DirectInserts(db))
            {
                await rows.InsertAsync(direct, Ct);
                await rows.InsertAllAsync(direct.Timeline, Ct, (nameof(TimelineEntry.TicketId), direct.Id));
                await rows.InsertAsync(directCall, Ct);
                await rows.InsertAsync(directKey, Ct);
            }
            await transaction.CommitAsync(Ct);
        }

        Assert.True(direct.Id > 0, "the generated key is set on the entity");
        await using var read = await contexts.CreateDbContextAsync(Ct);
        var efTicket = await RowsAsync(read, """SELECT * FROM "Tickets" WHERE "Id" = @id""", byEf.Id);
        var directTicket = await RowsAsync(read, """SELECT * FROM "Tickets" WHERE "Id" = @id""", direct.Id);
        Assert.Equal(Without(efTicket, "Id", "Number"), Without(directTicket, "Id", "Number"));
        Assert.Equal($"1998-{run:D6}", directTicket[0]["Number"]);

        var efTimeline = await RowsAsync(read, """SELECT * FROM "TimelineEntries" WHERE "TicketId" = @id ORDER BY "Id" """, byEf.Id);
        var directTimeline = await RowsAsync(read, """SELECT * FROM "TimelineEntries" WHERE "TicketId" = @id ORDER BY "Id" """, direct.Id);
        Assert.Equal(3, directTimeline.Count);
        Assert.Equal(Without(efTimeline, "Id", "TicketId"), Without(directTimeline, "Id", "TicketId"));

        var efCallRow = await RowsAsync(read, """SELECT * FROM "Calls" WHERE "TicketId" = @id""", byEf.Id);
        var directCallRow = await RowsAsync(read, """SELECT * FROM "Calls" WHERE "TicketId" = @id""", direct.Id);
        Assert.Single(directCallRow);
        Assert.Equal(Without(efCallRow, "Id", "TicketId"), Without(directCallRow, "Id", "TicketId"));

        var directKeyRow = await RowsAsync(read, """SELECT * FROM "IntakeKeys" WHERE "TicketId" = @id""", direct.Id);
        Assert.Equal($"direct-{run}", Assert.Single(directKeyRow)["Key"]);
        var efKeyRow = await RowsAsync(read, """SELECT * FROM "IntakeKeys" WHERE "TicketId" = @id""", byEf.Id);
        Assert.Equal(Without(efKeyRow, "Key", "TicketId"), Without(directKeyRow, "Key", "TicketId"));

        // And EF reads the directly written ticket back whole.
        var back = await read.Tickets.AsNoTracking().Include(t => t.Timeline).SingleAsync(t => t.Id == direct.Id, Ct);
        Assert.Equal("Sin conexión al servidor de facturación", back.Subject);
        Assert.Equal(TicketPriority.High, back.Priority);
        Assert.Equal(Now, back.ContactedAt);
        Assert.Equal([TimelineKind.Received, TimelineKind.FollowsUp, TimelineKind.Note], back.Timeline.OrderBy(e => e.Id).Select(e => e.Kind));
    }

    [Fact]
    public async Task A_key_already_stored_is_refused_as_SaveChanges_refuses_it()
    {
        var contexts = desk.App.Services.GetRequiredService<IDbContextFactory<AyudaDb>>();
        var run = Desk.Next();
        var (first, _, firstKey) = Aggregate($"1997-{run:D6}", $"same-{run}");
        var (second, _, secondKey) = Aggregate($"1996-{run:D6}", $"same-{run}");
        await using var db = await contexts.CreateDbContextAsync(Ct);
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        await using var rows = new DirectInserts(db);
        await rows.InsertAsync(first, Ct);
        await rows.InsertAsync(firstKey, Ct);
        await rows.InsertAsync(second, Ct);
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => rows.InsertAsync(secondKey, Ct));
        Assert.IsAssignableFrom<DbException>(refused.InnerException);
        Assert.Contains("IntakeKeys", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_a_transaction_nothing_is_written_and_the_caller_is_told_why()
    {
        var contexts = desk.App.Services.GetRequiredService<IDbContextFactory<AyudaDb>>();
        var (ticket, _, _) = Aggregate($"1995-{Desk.Next():D6}", "unused");
        await using var db = await contexts.CreateDbContextAsync(Ct);
        await using var rows = new DirectInserts(db);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => rows.InsertAsync(ticket, Ct));
        Assert.Contains("transaction", refused.Message, StringComparison.Ordinal);
        Assert.False(await db.Tickets.AnyAsync(t => t.Number == ticket.Number, Ct));
    }

    private static (Ticket Ticket, Call Call, IntakeKey Key) Aggregate(string number, string key)
    {
        var actor = new Actor(null, "Central telefónica");
        var ticket = new Ticket(number, Channel.Phone, "  Sin conexión al servidor de facturación ", "No factura desde las 9; el error dice «timeout».",
            "+54 11 5555-0101", TicketPriority.High, Now, actor, Now.AddSeconds(2));
        ticket.Continue("2025-000042", actor, Now.AddSeconds(2));
        ticket.AddNote("Llamó dos veces; configuración revisada.", isInternal: true, isCall: false, actor, Now.AddSeconds(3));
        var call = Call.Registered("+541155550101", Now, actor);
        call.Register(ticket, actor, Now.AddSeconds(2));
        return (ticket, call, new IntakeKey("", key, ticket, Now.AddSeconds(2)));
    }

    /// <summary>Each row as column name → value as the database returns it, rendered invariantly.</summary>
    private static async Task<List<Dictionary<string, string?>>> RowsAsync(AyudaDb db, string sql, long id)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = id;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<Dictionary<string, string?>>();
        while (await reader.ReadAsync(Ct))
        {
            var row = new Dictionary<string, string?>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }
            rows.Add(row);
        }
        return rows;
    }

    private static List<Dictionary<string, string?>> Without(List<Dictionary<string, string?>> rows, params string[] columns) =>
        [.. rows.Select(r => r.Where(c => !columns.Contains(c.Key)).ToDictionary())];
}

public sealed class DirectInsertsOnSqlite(SqliteDesk desk) : DirectInsertsTests(desk), IClassFixture<SqliteDesk>;

public sealed class DirectInsertsOnPostgres(PostgresDesk desk) : DirectInsertsTests(desk), IClassFixture<PostgresDesk>;
