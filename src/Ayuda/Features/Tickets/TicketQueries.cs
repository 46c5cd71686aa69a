using System.Globalization;
using Ayuda.Data;
using Ayuda.Features.Customers;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Tickets;

/// <summary>Reads of tickets: queues keyset-paged on the indexes, one ticket, its timeline.</summary>
public sealed class TicketQueries(IDbContextFactory<AyudaDb> contexts, DeskClock desk, StaffChanges staffChanges)
{
    public const int MaxPageSize = 200;

    /// <summary>How long the list of who may be assigned is kept before it is read again (other hosts' staff changes).</summary>
    public static readonly TimeSpan AssignableCacheFor = TimeSpan.FromSeconds(15);

    private Kept<IReadOnlyList<StaffRef>>? _assignable;

    public async Task<TicketView?> GetAsync(string number, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await ReadAsync(db, db.Tickets.Where(x => x.Number == number), cancellationToken))?.View;
    }

    /// <summary>The view of a ticket just changed through <paramref name="db"/>, read again with what surrounds it.</summary>
    internal async Task<TicketView> ViewAsync(AyudaDb db, Ticket t, CancellationToken cancellationToken)
    {
        var id = t.Id;
        return (await ReadAsync(db, db.Tickets.Where(x => x.Id == id), cancellationToken)
            ?? throw new InvalidOperationException($"Ticket {t.Number} is not stored.")).View;
    }

    /// <summary>
    /// The ticket and what surrounds it in one round trip (every view of the ticket reads it): its customer with the
    /// agreements for the badge, its assignee's name, its incident's number and which of the page's panels have
    /// something to show; the contact (with its addresses and phones) in a second.
    /// </summary>
    private async Task<(TicketView View, TicketPanels Panels, long Id)?> ReadAsync(AyudaDb db, IQueryable<Ticket> which, CancellationToken cancellationToken)
    {
        var x = await (
            from k in which.AsNoTracking()
            from c in db.Customers.Where(c => c.Id == k.CustomerId).DefaultIfEmpty()
            select new
            {
                Ticket = k,
                Customer = c == null ? null : new { c.Name, c.TaxId },
                Agreements = db.SupportAgreements.Where(a => a.CustomerId == k.CustomerId).ToList(),
                AssigneeName = db.Users.Where(u => u.Id == k.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
                IncidentNumber = db.Incidents.Where(i => i.Id == k.IncidentId).Select(i => i.Number).FirstOrDefault(),
                Panels = new TicketPanels(
                    db.Consultations.Any(o => o.TicketId == k.Id),
                    db.Meetings.Any(m => m.TicketId == k.Id),
                    db.Requirements.Any(r => r.TicketId == k.Id),
                    db.FeedbackEntries.Any(f => f.TicketId == k.Id),
                    db.CallBacks.Any(b => b.TicketId == k.Id)),
            }).FirstOrDefaultAsync(cancellationToken);
        if (x is null)
        {
            return null;
        }
        var t = x.Ticket;
        var customer = t.CustomerId is { } customerId && x.Customer is { } found
            ? new CustomerRef(customerId, found.Name, found.TaxId, AgreementBadge.From(desk.Today, x.Agreements))
            : null;
        var contact = t.ContactId is { } contactId ? await ContactAsync(db, contactId, cancellationToken) : null;
        var assignee = t.AssigneeId is not { } assigneeId ? null
            : new StaffRef(assigneeId, x.AssigneeName ?? throw new InvalidOperationException($"Ticket {t.Number} is assigned to {assigneeId}, who does not exist."));
        return (View(t, customer, contact, assignee, x.IncidentNumber), x.Panels, t.Id);
    }

    /// <summary>The view of a ticket whose customer, contact, assignee and incident the caller has already read.</summary>
    internal static TicketView View(Ticket t, CustomerRef? customer, ContactRef? contact, StaffRef? assignee, string? incident) =>
        new(t.Number, t.Subject, t.Description, t.Channel, t.State, t.Classification, t.Priority, t.From,
            t.ContactedAt, t.CreatedAt, t.UpdatedAt, customer, contact, assignee, incident, t.Resolution, t.ResolvedAt);

    /// <summary>A contact as a ticket shows it.</summary>
    internal static async Task<ContactRef> ContactAsync(AyudaDb db, int contactId, CancellationToken cancellationToken)
    {
        return ContactView(await db.Contacts.AsNoTracking().FirstAsync(x => x.Id == contactId, cancellationToken));
    }

    /// <summary>A contact already read, as a ticket shows it.</summary>
    internal static ContactRef ContactView(Contact c) => new(c.Id, c.Name, c.Position, c.Emails.Select(e => e.Address).ToList(), c.Phones);

    public async Task<TicketPage> ListAsync(TicketFilter filter, string? cursor, int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tickets = db.Tickets.AsNoTracking();
        if (filter.State is { } state)
        {
            tickets = tickets.Where(t => t.State == state);
        }
        if (filter.OpenOnly && filter.State is null)
        {
            tickets = tickets.Where(t => t.State != TicketState.Closed);
        }
        if (filter.AssigneeId == "none")
        {
            tickets = tickets.Where(t => t.AssigneeId == null);
        }
        else if (filter.AssigneeId is { } assignee)
        {
            tickets = tickets.Where(t => t.AssigneeId == assignee);
        }
        if (filter.CustomerId is { } customerId)
        {
            tickets = tickets.Where(t => t.CustomerId == customerId);
        }
        if (filter.Classification is { } classification)
        {
            tickets = tickets.Where(t => t.Classification == classification);
        }
        if (filter.Unclassified && filter.Classification is null)
        {
            tickets = tickets.Where(t => t.Classification == null);
        }
        if (filter.ContactedFrom is { } contactedFrom)
        {
            tickets = tickets.Where(t => t.ContactedAt >= contactedFrom);
        }
        if (filter.ContactedBefore is { } contactedBefore)
        {
            tickets = tickets.Where(t => t.ContactedAt < contactedBefore);
        }
        if (filter.CreatedFrom is { } createdFrom)
        {
            tickets = tickets.Where(t => t.CreatedAt >= createdFrom);
        }
        if (filter.CreatedBefore is { } createdBefore)
        {
            tickets = tickets.Where(t => t.CreatedAt < createdBefore);
        }
        if (filter.ClosedFrom is { } closedFrom)
        {
            tickets = tickets.Where(t => t.ClosedAt >= closedFrom);
        }
        if (filter.ClosedBefore is { } closedBefore)
        {
            tickets = tickets.Where(t => t.ClosedAt < closedBefore);
        }
        if (filter.Priority is { } priority)
        {
            tickets = tickets.Where(t => t.Priority == priority);
        }
        if (filter.Channel is { } channel)
        {
            tickets = tickets.Where(t => t.Channel == channel);
        }
        if (Cursor.Parse(cursor) is var (at, id))
        {
            tickets = filter.NewestFirst
                ? tickets.Where(t => t.ContactedAt < at || (t.ContactedAt == at && t.Id < id))
                : tickets.Where(t => t.ContactedAt > at || (t.ContactedAt == at && t.Id > id));
        }
        tickets = filter.NewestFirst
            ? tickets.OrderByDescending(t => t.ContactedAt).ThenByDescending(t => t.Id)
            : tickets.OrderBy(t => t.ContactedAt).ThenBy(t => t.Id);
        var rows = await tickets.Take(limit + 1)
            .Select(t => new
            {
                t.Id, t.Number, t.Subject, t.Channel, t.State, t.Classification, t.Priority, t.ContactedAt, t.From, t.CustomerId, t.AssigneeId,
                // Two scalar lookups by key: a projected object here becomes a window over every customer (slow at 1M tickets).
                CustomerName = db.Customers.Where(c => c.Id == t.CustomerId).Select(c => c.Name).FirstOrDefault(),
                CustomerTaxId = db.Customers.Where(c => c.Id == t.CustomerId).Select(c => c.TaxId).FirstOrDefault(),
                ContactName = db.Contacts.Where(c => c.Id == t.ContactId).Select(c => c.Name).FirstOrDefault(),
                AssigneeName = db.Users.Where(u => u.Id == t.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        var badges = await AgreementBadges.ForAsync(db, page.Where(r => r.CustomerId is not null).Select(r => r.CustomerId!.Value), desk.Today, cancellationToken);
        var items = page.Select(r => new TicketRow(r.Number, r.Subject, r.Channel, r.State, r.Classification, r.Priority, r.ContactedAt,
            r.CustomerId is { } cid && r.CustomerName is not null ? new CustomerRef(cid, r.CustomerName, r.CustomerTaxId ?? "", badges[cid]) : null,
            r.ContactName, r.From,
            r.AssigneeId is not null ? new StaffRef(r.AssigneeId, r.AssigneeName ?? "") : null)).ToList();
        var next = rows.Count > limit ? Cursor.Format(page[^1].ContactedAt, page[^1].Id) : null;
        return new TicketPage(items, next);
    }

    /// <summary>
    /// What the ticket page shows: the ticket, its history, its messages and which of its panels have something to
    /// show, read with one context and the ticket found once.
    /// </summary>
    public async Task<TicketPageData?> PageAsync(string number, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The page's reads share one connection instead of taking it from the pool for each.
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (await ReadAsync(db, db.Tickets.Where(x => x.Number == number), cancellationToken) is not { } read)
        {
            return null;
        }
        return new TicketPageData(read.View, await TimelineAsync(db, read.Id, cancellationToken), await MessagesAsync(db, read.Id, cancellationToken), read.Panels);
    }

    public async Task<IReadOnlyList<TimelineItem>?> TimelineAsync(string number, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ticketId = await db.Tickets.Where(t => t.Number == number).Select(t => (long?)t.Id).FirstOrDefaultAsync(cancellationToken);
        return ticketId is { } id ? await TimelineAsync(db, id, cancellationToken) : null;
    }

    private static async Task<IReadOnlyList<TimelineItem>> TimelineAsync(AyudaDb db, long ticketId, CancellationToken cancellationToken) =>
        await db.TimelineEntries.AsNoTracking().Where(e => e.TicketId == ticketId).OrderBy(e => e.Id).Take(5000)
            .Select(e => new TimelineItem(e.Id, e.At, e.ActorId, e.ActorName, e.Kind, e.From, e.To, e.Text, e.Internal, e.TicketMessageId))
            .ToListAsync(cancellationToken);

    /// <summary>The ticket's messages in and out, oldest first, with attachments (no bytes) and delivery state.</summary>
    public async Task<IReadOnlyList<MessageView>?> MessagesAsync(string number, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ticketId = await db.Tickets.Where(t => t.Number == number).Select(t => (long?)t.Id).FirstOrDefaultAsync(cancellationToken);
        return ticketId is { } id ? await MessagesAsync(db, id, cancellationToken) : null;
    }

    private static async Task<IReadOnlyList<MessageView>> MessagesAsync(AyudaDb db, long ticketId, CancellationToken cancellationToken)
    {
        // Most messages carry no attachment: the messages come in one query, the attachments of those that have some in a second.
        var rows = await db.TicketMessages.AsNoTracking().Where(m => m.TicketId == ticketId).OrderBy(m => m.Id).Take(1000)
            .Select(m => new
            {
                View = new MessageView(m.Id, m.Direction, m.Channel, m.At, m.From, m.To, m.Cc, m.Subject, m.Text, m.QuotedText, m.Html, m.MessageId,
                    Array.Empty<AttachmentView>(),
                    m.Outbox == null ? null : new DeliveryView(m.Outbox.Id, m.Outbox.State, m.Outbox.Attempts, m.Outbox.SentAt, m.Outbox.NextAttemptAt, m.Outbox.LastError, m.Outbox.DeliveredAt, m.Outbox.ReadAt, m.Channel == Channel.WhatsApp && m.Subject.StartsWith("[") ? m.Subject : null)),
                WithFiles = m.Attachments.Any(),
            })
            .ToListAsync(cancellationToken);
        var withFiles = rows.Where(r => r.WithFiles).Select(r => r.View.Id).ToList();
        if (withFiles.Count == 0)
        {
            return [.. rows.Select(r => r.View)];
        }
        var files = (await db.Attachments.AsNoTracking().Where(a => withFiles.Contains(a.TicketMessageId)).OrderBy(a => a.Id)
            .Select(a => new { a.TicketMessageId, View = new AttachmentView(a.Id, a.FileName, a.ContentType, a.Size, a.Inline) })
            .ToListAsync(cancellationToken)).ToLookup(a => a.TicketMessageId, a => a.View);
        return [.. rows.Select(r => r.WithFiles ? r.View with { Attachments = [.. files[r.View.Id]] } : r.View)];
    }

    /// <summary>One attachment's bytes, for a staff download.</summary>
    public async Task<(string FileName, byte[] Bytes)?> AttachmentAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Attachments.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.FileName, Bytes = a.Content!.Bytes }).FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.FileName, found.Bytes);
    }

    /// <summary>How many tickets are in a state, counted up to <paramref name="cap"/> so a huge queue costs no more than "999+".</summary>
    public async Task<int> CountAsync(TicketState state, int cap, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Tickets.Where(t => t.State == state).Take(cap).CountAsync(cancellationToken);
    }

    /// <summary>
    /// Who may be assigned tickets (active consultants and their head), by name. Every queue page asks, so the list is
    /// kept for <see cref="AssignableCacheFor"/>; a staff change on this host (<see cref="StaffChanges"/>) is seen at once.
    /// </summary>
    public async Task<IReadOnlyList<StaffRef>> AssignableAsync(CancellationToken cancellationToken)
    {
        var version = staffChanges.Version;
        var now = desk.UtcNow;
        if (_assignable is { } kept && kept.FreshAt(version, now))
        {
            return kept.Value;
        }
        var people = await ReadAssignableAsync(cancellationToken);
        _assignable = new(people, version, now + AssignableCacheFor);
        return people;
    }

    private async Task<IReadOnlyList<StaffRef>> ReadAssignableAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var roleIds = db.Roles.Where(r => r.Name == Roles.Consultant || r.Name == Roles.HeadOfImplementation).Select(r => r.Id);
        return await db.Users.AsNoTracking()
            .Where(u => u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new StaffRef(u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Opaque keyset cursor: the last row's contact time and id.</summary>
    internal static class Cursor
    {
        public static string Format(DateTimeOffset at, long id) =>
            Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"{at.UtcTicks}.{id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static (DateTimeOffset At, long Id)? Parse(string? cursor)
        {
            if (string.IsNullOrWhiteSpace(cursor))
            {
                return null;
            }
            try
            {
                var padded = cursor.Replace('-', '+').Replace('_', '/');
                padded += new string('=', (4 - padded.Length % 4) % 4);
                var parts = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split('.');
                return (new DateTimeOffset(long.Parse(parts[0], CultureInfo.InvariantCulture), TimeSpan.Zero), long.Parse(parts[1], CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
            {
                throw DomainException.Invalid("Tickets.CursorInvalid");
            }
        }
    }
}
