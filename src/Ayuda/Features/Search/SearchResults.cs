using Ayuda.Features.Incidents;
using Ayuda.Features.Tickets;

namespace Ayuda.Features.Search;

/// <summary>What <c>GET /api/v1/search</c> answers: the results grouped by kind, best first; kinds not asked for are empty.</summary>
public sealed record SearchResults(
    string Query,
    IReadOnlyList<string> Terms,
    SearchGroup<TicketResult> Tickets,
    SearchGroup<CustomerResult> Customers,
    SearchGroup<ContactResult> Contacts,
    SearchGroup<IncidentResult> Incidents)
{
    public bool IsEmpty => Tickets.Items.Count + Customers.Items.Count + Contacts.Items.Count + Incidents.Items.Count == 0;
}

/// <summary>Results of one kind; <c>More</c>: asking with a larger limit would show more.</summary>
public sealed record SearchGroup<T>(IReadOnlyList<T> Items, bool More)
{
    public static readonly SearchGroup<T> Empty = new([], false);
}

/// <summary>The kinds a search can be narrowed to.</summary>
public enum SearchKind
{
    Ticket,
    Customer,
    Contact,
    Incident,
}

/// <summary>Where the words were found on a ticket.</summary>
public enum TicketField
{
    Subject,
    Description,
    Message,
    Note,
    /// <summary>Its number was what was typed.</summary>
    Number,
}

/// <summary>A ticket found; <c>Snippet</c> is HTML: the text around the match, escaped, with the matched words in <c>&lt;mark&gt;</c>.</summary>
public sealed record TicketResult(string Number, string Subject, TicketState State, int? CustomerId, string? CustomerName,
    DateTimeOffset ContactedAt, TicketField FoundIn, string Snippet);

public sealed record CustomerResult(int Id, string Name, string TaxId, string Snippet);

public sealed record ContactResult(int Id, string Name, int CustomerId, string CustomerName, string? Email, string Snippet);

public sealed record IncidentResult(string Number, string Title, IncidentState State, string Snippet);
