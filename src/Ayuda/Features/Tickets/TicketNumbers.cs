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
    public static async Task<string> NextAsync(AyudaDb db, int year, CancellationToken cancellationToken) =>
        Ticket.FormatNumber(year, await YearlySequence.NextAsync(db, YearlySequence.Tickets, year, cancellationToken));
}

/// <summary>
/// A gapless per-year sequence kept in a counters table (<c>Year</c>, <c>Last</c>): tickets, quality incidents and the
/// suggestions and complaints register each have one. Taken inside the caller's transaction, so a rolled-back record gives its number back.
/// </summary>
public static class YearlySequence
{
    public const string Tickets = "TicketCounters";
    public const string Incidents = "IncidentCounters";
    public const string Feedback = "FeedbackCounters";

    public static async Task<long> NextAsync(AyudaDb db, string table, int year, CancellationToken cancellationToken)
    {
        if (table is not (Tickets or Incidents or Feedback))
        {
            throw new ArgumentOutOfRangeException(nameof(table), table, "Not a counters table.");
        }
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Numbers are taken inside the transaction that saves the record.");
        }
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        // The table name is one of the constants above, never input.
        command.CommandText = $"""
            INSERT INTO "{table}" ("Year", "Last") VALUES (@year, 1)
            ON CONFLICT ("Year") DO UPDATE SET "Last" = "{table}"."Last" + 1
            RETURNING "Last"
            """;
        command.Transaction = db.Database.CurrentTransaction.GetDbTransaction();
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@year";
        parameter.Value = year;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
