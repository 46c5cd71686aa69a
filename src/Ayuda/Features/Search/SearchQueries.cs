using Ayuda.Data;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Search;

/// <summary>
/// The search behind the API and the search box: the index finds ids, best first; this loads what a person sees
/// for the few shown (number, subject, customer, the snippet where the words were found).
/// </summary>
public sealed partial class SearchQueries(ISearchIndex index, IDbContextFactory<AyudaDb> contexts, ILogger<SearchQueries> logger)
{
    public const int MaxLimit = 50;
    public const int DefaultLimit = 10;

    /// <summary>Searches every kind, or only <paramref name="kind"/>; an empty or too long query is a 400 naming <c>q</c>.</summary>
    public async Task<SearchResults> SearchAsync(string? q, SearchKind? kind, int limit, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            throw DomainException.InvalidField("q", "Search.QueryRequired");
        }
        if (q.Length > SearchTerms.MaxQueryLength)
        {
            throw DomainException.InvalidField("q", "Search.QueryTooLong", SearchTerms.MaxQueryLength);
        }
        if (limit is < 1 or > MaxLimit)
        {
            throw DomainException.InvalidField("limit", "Search.LimitOutOfRange", MaxLimit);
        }
        var terms = SearchTerms.Parse(q);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var results = new SearchResults(q.Trim(), terms.Words,
            Wants(kind, SearchKind.Ticket) ? await TicketsAsync(q, terms, limit, ct) : SearchGroup<TicketResult>.Empty,
            Wants(kind, SearchKind.Customer) ? await CustomersAsync(terms, limit, ct) : SearchGroup<CustomerResult>.Empty,
            Wants(kind, SearchKind.Contact) ? await ContactsAsync(terms, limit, ct) : SearchGroup<ContactResult>.Empty,
            Wants(kind, SearchKind.Incident) ? await IncidentsAsync(terms, limit, ct) : SearchGroup<IncidentResult>.Empty);
        logger.LogDebug("Search for {TermCount} terms found {Tickets} tickets in {Elapsed} ms", terms.Words.Count, results.Tickets.Items.Count,
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return results;
    }

    private static bool Wants(SearchKind? asked, SearchKind kind) => asked is null || asked == kind;

    /// <summary>A ticket number as people type it: "2026-000123", "2026-123", "#2026-123".</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*#?(\d{4})-(\d{1,6})\s*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex TicketNumber();

    private async Task<SearchGroup<TicketResult>> TicketsAsync(string q, SearchTerms terms, int limit, CancellationToken ct)
    {
        var hits = await index.FindTicketsAsync(terms, limit + 1, ct);
        long? byNumber = null;
        // A ticket's number finds that ticket, first (the index holds words, and a number is looked up by its own index).
        if (TicketNumber().Match(q) is { Success: true } typed)
        {
            var number = Tickets.Ticket.FormatNumber(int.Parse(typed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                long.Parse(typed.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            await using var lookup = await contexts.CreateDbContextAsync(ct);
            if (await lookup.Tickets.AsNoTracking().Where(t => t.Number == number).Select(t => (long?)t.Id).FirstOrDefaultAsync(ct) is { } id)
            {
                byNumber = id;
                hits = [new TicketHit(id, TicketSource.Ticket, id), .. hits.Where(h => h.TicketId != id)];
            }
        }
        if (hits.Count == 0)
        {
            return SearchGroup<TicketResult>.Empty;
        }
        var shown = hits.Take(limit).ToList();
        var ticketIds = shown.Select(h => h.TicketId).ToList();
        var messageIds = shown.Where(h => h.Source == TicketSource.Message).Select(h => h.SourceId).ToList();
        var noteIds = shown.Where(h => h.Source == TicketSource.Note).Select(h => h.SourceId).ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tickets = await db.Tickets.AsNoTracking().Where(t => ticketIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Number, t.Subject, t.Description, t.State, t.CustomerId, t.ContactedAt })
            .ToDictionaryAsync(t => t.Id, ct);
        var customerIds = tickets.Values.Where(t => t.CustomerId != null).Select(t => t.CustomerId!.Value).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var messages = await db.TicketMessages.AsNoTracking().Where(m => messageIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Text, ct);
        var notes = await db.TimelineEntries.AsNoTracking().Where(e => noteIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Text ?? "", ct);

        var results = new List<TicketResult>();
        foreach (var hit in shown)
        {
            if (!tickets.TryGetValue(hit.TicketId, out var ticket))
            {
                continue; // deleted between the two reads
            }
            var (field, snippet) = hit.Source switch
            {
                _ when hit.TicketId == byNumber => (TicketField.Number, SearchSnippet.Start(ticket.Subject, terms)),
                TicketSource.Message => (TicketField.Message, SearchSnippet.Find(messages.GetValueOrDefault(hit.SourceId), terms) ?? SearchSnippet.Start(messages.GetValueOrDefault(hit.SourceId), terms)),
                TicketSource.Note => (TicketField.Note, SearchSnippet.Find(notes.GetValueOrDefault(hit.SourceId), terms) ?? SearchSnippet.Start(notes.GetValueOrDefault(hit.SourceId), terms)),
                _ => SearchSnippet.Find(ticket.Subject, terms) is { } inSubject
                    ? (TicketField.Subject, inSubject)
                    : (TicketField.Description, SearchSnippet.Find(ticket.Description, terms) ?? SearchSnippet.Start(ticket.Description, terms)),
            };
            results.Add(new TicketResult(ticket.Number, ticket.Subject, ticket.State, ticket.CustomerId,
                ticket.CustomerId is { } customerId ? customers.GetValueOrDefault(customerId) : null, ticket.ContactedAt, field, snippet));
        }
        return new SearchGroup<TicketResult>(results, hits.Count > limit);
    }

    private async Task<SearchGroup<CustomerResult>> CustomersAsync(SearchTerms terms, int limit, CancellationToken ct)
    {
        var (ids, more) = await FindAsync(DirectoryKind.Customer, terms, limit, ct);
        if (ids.Count == 0)
        {
            return SearchGroup<CustomerResult>.Empty;
        }
        var intIds = ids.Select(i => (int)i).ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await db.Customers.AsNoTracking().Where(c => intIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, c.TaxId, c.Notes }).ToDictionaryAsync(c => c.Id, ct);
        var results = intIds.Where(found.ContainsKey).Select(id => found[id]).Select(c => new CustomerResult(c.Id, c.Name, c.TaxId,
            SearchSnippet.Find(c.Name, terms) ?? SearchSnippet.Find(c.Notes, terms) ?? SearchSnippet.Start(c.TaxId, terms))).ToList();
        return new SearchGroup<CustomerResult>(results, more);
    }

    private async Task<SearchGroup<ContactResult>> ContactsAsync(SearchTerms terms, int limit, CancellationToken ct)
    {
        var (ids, more) = await FindAsync(DirectoryKind.Contact, terms, limit, ct);
        if (ids.Count == 0)
        {
            return SearchGroup<ContactResult>.Empty;
        }
        var intIds = ids.Select(i => (int)i).ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await db.Contacts.AsNoTracking().Where(c => intIds.Contains(c.Id))
            .Join(db.Customers, c => c.CustomerId, c => c.Id, (contact, customer) => new
            {
                contact.Id, contact.Name, contact.CustomerId, CustomerName = customer.Name, Emails = contact.Emails.Select(e => e.Address).ToList(),
            })
            .ToDictionaryAsync(c => c.Id, ct);
        var results = new List<ContactResult>();
        foreach (var contact in intIds.Where(found.ContainsKey).Select(id => found[id]))
        {
            var email = contact.Emails.FirstOrDefault(e => SearchSnippet.Find(e, terms) is not null) ?? contact.Emails.FirstOrDefault();
            var snippet = SearchSnippet.Find(contact.Name, terms) ?? SearchSnippet.Find(email, terms) ?? SearchSnippet.Start(contact.Name, terms);
            results.Add(new ContactResult(contact.Id, contact.Name, contact.CustomerId, contact.CustomerName, email, snippet));
        }
        return new SearchGroup<ContactResult>(results, more);
    }

    private async Task<SearchGroup<IncidentResult>> IncidentsAsync(SearchTerms terms, int limit, CancellationToken ct)
    {
        var (ids, more) = await FindAsync(DirectoryKind.Incident, terms, limit, ct);
        if (ids.Count == 0)
        {
            return SearchGroup<IncidentResult>.Empty;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await db.Incidents.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, i.Number, i.Title, i.Description, i.State }).ToDictionaryAsync(i => i.Id, ct);
        var results = ids.Where(found.ContainsKey).Select(id => found[id]).Select(i => new IncidentResult(i.Number, i.Title, i.State,
            SearchSnippet.Find(i.Title, terms) ?? SearchSnippet.Find(i.Description, terms) ?? SearchSnippet.Start(i.Description, terms))).ToList();
        return new SearchGroup<IncidentResult>(results, more);
    }

    private async Task<(List<long> Ids, bool More)> FindAsync(DirectoryKind kind, SearchTerms terms, int limit, CancellationToken ct)
    {
        var ids = await index.FindAsync(kind, terms, limit + 1, ct);
        return (ids.Take(limit).ToList(), ids.Count > limit);
    }
}
