using Ayuda.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ayuda.Features.Tickets;

/// <summary>
/// Hands out ticket numbers. One upsert per number (<c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>, the same SQL on
/// SQLite and PostgreSQL) inside the caller's transaction: the row lock serialises concurrent creators, and a rolled
/// back ticket gives its number back.
/// </summary>
public static class TicketNumbers
{
    private const string Sql = """
        INSERT INTO "TicketCounters" ("Year", "Last") VALUES (@year, 1)
        ON CONFLICT ("Year") DO UPDATE SET "Last" = "TicketCounters"."Last" + 1
        RETURNING "Last"
        """;

    public static async Task<string> NextAsync(AyudaDb db, int year, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Ticket numbers are taken inside the transaction that saves the ticket.");
        }
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Transaction = db.Database.CurrentTransaction.GetDbTransaction();
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@year";
        parameter.Value = year;
        command.Parameters.Add(parameter);
        var last = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        return Ticket.FormatNumber(year, last);
    }
}
