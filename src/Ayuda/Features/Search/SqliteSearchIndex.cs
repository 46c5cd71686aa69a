using System.Data.Common;
using Ayuda.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Search;

/// <summary>
/// SQLite: FTS5 tables (unicode61 with diacritics removed, prefix indexes of 2–4 characters; the ticket-side ones keep
/// row ids only, detail=none, which is all these queries need: no phrases, positions or column filters). Each source gives its
/// newest <see cref="SearchOptions.Candidates"/> matches in rowid order, which FTS5 walks cheaply; these are ranked
/// by where the words were found — all in the subject, then in subject and description, then in one message, then in one note for staff — newest first
/// within each. bm25() is not used for tickets: its statistics read every match of a common word.
/// </summary>
public sealed class SqliteSearchIndex(IDbContextFactory<AyudaDb> contexts, IOptions<SearchOptions> options) : ISearchIndex
{
    /// <summary>Rebuilds every search table from its source, then merges each into one segment for fast reads.</summary>
    public const string RebuildSql = """
        INSERT INTO SearchSubjects(SearchSubjects) VALUES ('rebuild');
        INSERT INTO SearchTickets(SearchTickets) VALUES ('rebuild');
        INSERT INTO SearchMessages(SearchMessages) VALUES ('rebuild');
        INSERT INTO SearchNotes(SearchNotes) VALUES ('rebuild');
        DELETE FROM SearchCustomers;
        INSERT INTO SearchCustomers(rowid, Name, Body)
            SELECT Id, Name, TaxId || ' ' || replace(TaxId, '-', '') || ' ' || coalesce(Notes, '') FROM Customers;
        DELETE FROM SearchContacts;
        INSERT INTO SearchContacts(rowid, Name, Emails)
            SELECT c.Id, c.Name, (SELECT group_concat(Address, ' ') FROM ContactEmails WHERE ContactId = c.Id) FROM Contacts c;
        DELETE FROM SearchIncidents;
        INSERT INTO SearchIncidents(rowid, Title, Body) SELECT Id, Number || ' ' || Title, Description FROM Incidents;
        INSERT INTO SearchSubjects(SearchSubjects) VALUES ('optimize');
        INSERT INTO SearchTickets(SearchTickets) VALUES ('optimize');
        INSERT INTO SearchMessages(SearchMessages) VALUES ('optimize');
        INSERT INTO SearchNotes(SearchNotes) VALUES ('optimize');
        """;

    // Tiers: 1 every word in the subject, 2 in subject and description, 3 in one message, 4 in one note. Ties go to the newest ticket.
    private const string TicketsSql = """
        WITH hits AS (
            SELECT rowid AS TicketId, 1 AS Tier, rowid AS SourceId FROM
                (SELECT rowid FROM SearchSubjects WHERE SearchSubjects MATCH $match ORDER BY rowid DESC LIMIT $candidates)
            UNION ALL
            SELECT rowid, 2, rowid FROM
                (SELECT rowid FROM SearchTickets WHERE SearchTickets MATCH $match ORDER BY rowid DESC LIMIT $candidates)
            UNION ALL
            SELECT m.TicketId, 3, m.Id FROM
                (SELECT rowid FROM SearchMessages WHERE SearchMessages MATCH $match ORDER BY rowid DESC LIMIT $candidates) h
                JOIN TicketMessages m ON m.Id = h.rowid
            UNION ALL
            SELECT e.TicketId, 4, e.Id FROM
                (SELECT rowid FROM SearchNotes WHERE SearchNotes MATCH $match ORDER BY rowid DESC LIMIT $candidates) h
                JOIN TimelineEntries e ON e.Id = h.rowid
        ),
        best AS (
            SELECT TicketId, Tier, SourceId, row_number() OVER (PARTITION BY TicketId ORDER BY Tier, SourceId DESC) AS n FROM hits
        )
        SELECT TicketId, Tier, SourceId FROM best WHERE n = 1 ORDER BY Tier, TicketId DESC LIMIT $take
        """;

    // How many rows the exact words match in the two largest sources, counted up to the candidates (cheap: read lazily).
    private const string CommonSql = """
        SELECT max((SELECT count(*) FROM (SELECT 1 FROM SearchMessages WHERE SearchMessages MATCH $match LIMIT $candidates)),
                   (SELECT count(*) FROM (SELECT 1 FROM SearchTickets WHERE SearchTickets MATCH $match LIMIT $candidates)))
        """;

    public async Task<IReadOnlyList<TicketHit>> FindTicketsAsync(SearchTerms terms, int take, CancellationToken cancellationToken)
    {
        if (terms.IsEmpty)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A prefix query makes FTS5 merge the whole list of every word it covers, which grows with the desk; the exact
        // words are read lazily, newest first. When the exact words alone fill the candidates (a common word), they are
        // what gets ranked: the prefix would only add older rows or variants that could not make the first pages anyway.
        var match = Match(terms, prefix: true);
        await using (var probe = await CommandAsync(db, CommonSql, Match(terms, prefix: false), take, cancellationToken))
        {
            if (Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) >= options.Value.Candidates)
            {
                match = Match(terms, prefix: false);
            }
        }
        await using var command = await CommandAsync(db, TicketsSql, match, take, cancellationToken);
        var hits = new List<TicketHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var tier = reader.GetInt32(1);
            hits.Add(new TicketHit(reader.GetInt64(0), tier switch { <= 2 => TicketSource.Ticket, 3 => TicketSource.Message, _ => TicketSource.Note }, reader.GetInt64(2)));
        }
        return hits;
    }

    public async Task<IReadOnlyList<long>> FindAsync(DirectoryKind kind, SearchTerms terms, int take, CancellationToken cancellationToken)
    {
        if (terms.IsEmpty)
        {
            return [];
        }
        // Small tables: bm25 with the name (or title) weighing five times the rest, over the newest candidates.
        var table = kind switch
        {
            DirectoryKind.Customer => "SearchCustomers",
            DirectoryKind.Contact => "SearchContacts",
            _ => "SearchIncidents",
        };
        var sql = $"""
            SELECT rowid FROM (
                SELECT rowid, bm25({table}, 5.0, 1.0) AS score FROM {table} WHERE {table} MATCH $match ORDER BY rowid DESC LIMIT $candidates)
            ORDER BY score, rowid DESC LIMIT $take
            """;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var command = await CommandAsync(db, sql, Match(terms, prefix: true), take, cancellationToken);
        return await SearchSql.ReadIdsAsync(command, cancellationToken);
    }

    public Task RebuildAsync(CancellationToken cancellationToken) => SearchSql.RebuildAsync(contexts, RebuildSql, cancellationToken);

    /// <summary>Each term quoted (terms hold letters and digits only), as a prefix or not; FTS5 ANDs them.</summary>
    internal static string Match(SearchTerms terms, bool prefix) => string.Join(' ', terms.Words.Select(w => prefix ? $"\"{w}\"*" : $"\"{w}\""));

    private async Task<DbCommand> CommandAsync(AyudaDb db, string sql, string match, int take, CancellationToken cancellationToken)
    {
        var command = await SearchSql.CommandAsync(db, sql, cancellationToken);
        SearchSql.Add(command, "$match", match);
        SearchSql.Add(command, "$candidates", options.Value.Candidates);
        SearchSql.Add(command, "$take", take);
        return command;
    }
}
