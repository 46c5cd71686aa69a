namespace Ayuda.Features.Search;

/// <summary>
/// The full-text index, one adapter per database provider (SQLite FTS5, PostgreSQL tsvector). Triggers created by the
/// <c>Search</c> migration keep it in the same transaction as the data; the adapters only read it and rebuild it.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Tickets whose subject, description, a message or a note for staff holds every term, best first, one hit per ticket.</summary>
    Task<IReadOnlyList<TicketHit>> FindTicketsAsync(SearchTerms terms, int take, CancellationToken cancellationToken);

    /// <summary>Ids of customers, contacts or incidents holding every term, best first.</summary>
    Task<IReadOnlyList<long>> FindAsync(DirectoryKind kind, SearchTerms terms, int take, CancellationToken cancellationToken);

    /// <summary>Builds the whole index again from the source tables, in SQL (after a bulk load with the triggers off).</summary>
    Task RebuildAsync(CancellationToken cancellationToken);
}

/// <summary>Where a ticket's best hit was: the ticket itself (subject or description), one of its messages, or a note for staff.</summary>
public enum TicketSource
{
    Ticket = 1,
    Message = 2,
    Note = 3,
}

public enum DirectoryKind
{
    Customer = 1,
    Contact = 2,
    Incident = 3,
}

/// <summary>A ticket found, and where: <c>SourceId</c> is the ticket's, message's or timeline entry's id.</summary>
public sealed record TicketHit(long TicketId, TicketSource Source, long SourceId);
