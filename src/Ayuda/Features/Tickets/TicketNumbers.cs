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

    /// <summary>
    /// <paramref name="count"/> consecutive numbers of <paramref name="year"/> with one upsert, in order: a burst of
    /// contacts saved together takes its numbers at once rather than one statement each.
    /// </summary>
    public static async Task<IReadOnlyList<string>> NextAsync(AyudaDb db, int year, int count, CancellationToken cancellationToken)
    {
        var last = await YearlySequence.NextAsync(db, YearlySequence.Tickets, year, count, cancellationToken);
        return [.. Enumerable.Range(0, count).Select(i => Ticket.FormatNumber(year, last - count + 1 + i))];
    }
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

    public static Task<long> NextAsync(AyudaDb db, string table, int year, CancellationToken cancellationToken) =>
        NextAsync(db, table, year, 1, cancellationToken);

    /// <summary>Takes the next <paramref name="count"/> numbers of the year and returns the last of them.</summary>
    public static async Task<long> NextAsync(AyudaDb db, string table, int year, int count, CancellationToken cancellationToken)
    {
        if (table is not (Tickets or Incidents or Feedback))
        {
            throw new ArgumentOutOfRangeException(nameof(table), table, "Not a counters table.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Numbers are taken inside the transaction that saves the record.");
        }
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        // The table name is one of the constants above, never input.
        command.CommandText = $"""
            INSERT INTO "{table}" ("Year", "Last") VALUES (@year, @count)
            ON CONFLICT ("Year") DO UPDATE SET "Last" = "{table}"."Last" + @count
            RETURNING "Last"
            """;
        command.Transaction = db.Database.CurrentTransaction.GetDbTransaction();
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@year";
        parameter.Value = year;
        command.Parameters.Add(parameter);
        var taken = command.CreateParameter();
        taken.ParameterName = "@count";
        taken.Value = count;
        command.Parameters.Add(taken);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
