using Ayuda.Infrastructure;

namespace Ayuda.Features.Search;

/// <summary><c>GET /api/v1/search</c>: tickets, customers, contacts and incidents, grouped by kind, best first.</summary>
public static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder api)
    {
        // Every staff role may search (the group already requires Staff); no ticket is hidden from any staff member.
        api.MapGet("/search", (SearchQueries queries, CancellationToken ct, string? q, string? kind, int limit = SearchQueries.DefaultLimit) =>
                queries.SearchAsync(q, QueryValues.Enum<SearchKind>(kind, nameof(kind)), limit, ct))
            .WithTags("Search")
            .WithSummary("Full-text search: q (words, accents and case ignored, each a prefix: \"factur\" finds \"facturación\"; all must be found), " +
                "kind=ticket|customer|contact|incident (default all), limit 1..50 per kind (default 10). Each group has items (with an HTML snippet, " +
                "the words in <mark>) and more");
        return api;
    }
}
