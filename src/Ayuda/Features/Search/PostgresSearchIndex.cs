using System.Data.Common;
using Ayuda.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Search;

/// <summary>
/// PostgreSQL: tsvector tables with GIN indexes holding, for every text, its Spanish stems (<c>ayuda_search</c>: Spanish
/// with unaccent in front) and its words as written without accents (<c>ayuda_words</c>); each typed word matches as a
/// prefix of either (<c>search_query</c>, migration SearchWords), so "factura" finds "facturación" and "instalaci" finds
/// "instalaciones". Candidates are the newest matching entries among the newest 5,000 (bounded work for a common word; at 1M "factura" still matches about 1,600 of them); when
/// those do not fill the page, the GIN index finds every match (the word is rare, so they are few). The newest
/// <see cref="SearchOptions.Candidates"/> candidates are ranked with ts_rank, weights subject 1.0, description 0.4,
/// message 0.1, note 0.05; one hit per ticket, its best entry.
/// </summary>
public sealed class PostgresSearchIndex(IDbContextFactory<AyudaDb> contexts, IOptions<SearchOptions> options) : ISearchIndex
{
    private const string Weights = "'{0.05, 0.1, 0.4, 1.0}'";

    public const string RebuildSql = """
        DROP INDEX IF EXISTS "IX_SearchTicketEntries_Document";
        TRUNCATE "SearchTicketEntries";
        INSERT INTO "SearchTicketEntries" SELECT 1, "Id", "Id", search_ticket_document("Subject", "Description") FROM "Tickets";
        INSERT INTO "SearchTicketEntries" SELECT 2, "Id", "TicketId", setweight(search_vector(coalesce("Text", '')), 'C') FROM "TicketMessages";
        INSERT INTO "SearchTicketEntries" SELECT 3, "Id", "TicketId", setweight(search_vector("Text"), 'D')
            FROM "TimelineEntries" WHERE search_is_note("Kind") AND coalesce("Text", '') <> '';
        CREATE INDEX "IX_SearchTicketEntries_Document" ON "SearchTicketEntries" USING gin ("Document");
        TRUNCATE "SearchDirectoryEntries";
        INSERT INTO "SearchDirectoryEntries" SELECT 1, "Id", search_customer_document("Name", "TaxId", "Notes") FROM "Customers";
        INSERT INTO "SearchDirectoryEntries" SELECT 2, "Id", search_contact_document("Id") FROM "Contacts";
        INSERT INTO "SearchDirectoryEntries" SELECT 3, "Id", search_incident_document("Number", "Title", "Description") FROM "Incidents";
        ANALYZE "SearchTicketEntries";
        ANALYZE "SearchDirectoryEntries";
        """;

    /// <summary>How many of the newest index entries the first, bounded pass reads.</summary>
    private const int RecentEntries = 5_000;

    // {0} is where the candidates come from: the newest entries (first pass) or the GIN index (second pass).
    private const string TicketsSql = """
        SELECT "TicketId", "Source", "SourceId" FROM (
            SELECT DISTINCT ON ("TicketId") "TicketId", "Source", "SourceId", score FROM (
                SELECT c."TicketId", c."Source", c."SourceId", ts_rank(%WEIGHTS%, c."Document", (SELECT search_query(@words))) AS score
                FROM (%CANDIDATES%) c
            ) ranked
            ORDER BY "TicketId", score DESC, "Source"
        ) best
        ORDER BY score DESC, "TicketId" DESC LIMIT @take
        """;

    // First pass: the matches among the newest entries, read in TicketId order (bounded work, whatever the word).
    private static readonly string RecentTicketsSql = TicketsSql.Replace("%WEIGHTS%", Weights, StringComparison.Ordinal).Replace("%CANDIDATES%", """
        SELECT "TicketId", "Source", "SourceId", "Document" FROM (
            SELECT "TicketId", "Source", "SourceId", "Document" FROM "SearchTicketEntries" ORDER BY "TicketId" DESC LIMIT @recent) recent
        WHERE "Document" @@ (SELECT search_query(@words))
        ORDER BY "TicketId" DESC LIMIT @candidates
        """, StringComparison.Ordinal);

    // Second pass, for words too rare to fill a page among the newest entries: the GIN index finds them all (few).
    // "+ 0" keeps the planner from walking the TicketId index instead, which is slow for rare words.
    private static readonly string AllTicketsSql = TicketsSql.Replace("%WEIGHTS%", Weights, StringComparison.Ordinal).Replace("%CANDIDATES%", """
        SELECT "TicketId", "Source", "SourceId", "Document" FROM "SearchTicketEntries"
        WHERE "Document" @@ (SELECT search_query(@words))
        ORDER BY "TicketId" + 0 DESC LIMIT @candidates
        """, StringComparison.Ordinal);

    private const string DirectorySql = $"""
        SELECT "SourceId" FROM (
            SELECT c."SourceId", ts_rank({Weights}, c."Document", (SELECT search_query(@words))) AS score
            FROM (SELECT "SourceId", "Document" FROM "SearchDirectoryEntries"
                  WHERE "Kind" = @kind AND "Document" @@ (SELECT search_query(@words))
                  ORDER BY "SourceId" + 0 DESC LIMIT @candidates) c
        ) ranked
        ORDER BY score DESC, "SourceId" DESC LIMIT @take
        """;

    public async Task<IReadOnlyList<TicketHit>> FindTicketsAsync(SearchTerms terms, int take, CancellationToken cancellationToken)
    {
        if (terms.IsEmpty)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A common word fills the page from the newest entries; only a rarer one needs the index, where it is cheap.
        var recent = await TicketHitsAsync(db, RecentTicketsSql, terms, take, cancellationToken);
        return recent.Count >= take ? recent : await TicketHitsAsync(db, AllTicketsSql, terms, take, cancellationToken);
    }

    private async Task<List<TicketHit>> TicketHitsAsync(AyudaDb db, string sql, SearchTerms terms, int take, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(db, sql, terms, take, cancellationToken);
        SearchSql.Add(command, "recent", RecentEntries);
        var hits = new List<TicketHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new TicketHit(reader.GetInt64(0), (TicketSource)reader.GetInt16(1), reader.GetInt64(2)));
        }
        return hits;
    }

    public async Task<IReadOnlyList<long>> FindAsync(DirectoryKind kind, SearchTerms terms, int take, CancellationToken cancellationToken)
    {
        if (terms.IsEmpty)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var command = await CommandAsync(db, DirectorySql, terms, take, cancellationToken);
        SearchSql.Add(command, "kind", (short)kind);
        return await SearchSql.ReadIdsAsync(command, cancellationToken);
    }

    public Task RebuildAsync(CancellationToken cancellationToken) => SearchSql.RebuildAsync(contexts, RebuildSql, cancellationToken);

    private async Task<DbCommand> CommandAsync(AyudaDb db, string sql, SearchTerms terms, int take, CancellationToken cancellationToken)
    {
        var command = await SearchSql.CommandAsync(db, sql, cancellationToken);
        // The words go as an array; search_query quotes each one itself (they hold letters and digits only anyway).
        SearchSql.Add(command, "words", terms.Words.ToArray());
        SearchSql.Add(command, "candidates", options.Value.Candidates);
        SearchSql.Add(command, "take", take);
        return command;
    }
}
