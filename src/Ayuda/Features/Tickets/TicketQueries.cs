using System.Globalization;
using System.Linq.Expressions;
using Ayuda.Data;
using Ayuda.Features.Customers;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Ayuda.Data.QueryShapes;
using CompiledList = System.Func<Ayuda.Data.AyudaDb, Ayuda.Features.Tickets.TicketState?, bool?, string?, bool?, int?, Ayuda.Features.Tickets.Classification?,
    bool?, Ayuda.Features.Tickets.TicketPriority?, Ayuda.Features.Tickets.Channel?, System.DateTimeOffset?, System.DateTimeOffset?, System.DateTimeOffset?, long, int,
    System.Collections.Generic.IAsyncEnumerable<Ayuda.Features.Tickets.TicketQueries.ListRow>>;
using CompiledListShape = System.Func<Ayuda.Data.AyudaDb, Ayuda.Features.Tickets.TicketState?, bool?, string?, bool?, int?, Ayuda.Features.Tickets.Classification?,
    bool?, Ayuda.Features.Tickets.TicketPriority?, Ayuda.Features.Tickets.Channel?, System.DateTimeOffset?, System.DateTimeOffset?, System.DateTimeOffset?, long, int,
    System.Linq.IQueryable<Ayuda.Features.Tickets.TicketQueries.ListRow>>;

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
        return (await ReadAsync(db, await ReadByNumber.For(db)(db, number, cancellationToken), cancellationToken))?.View;
    }

    /// <summary>The view of a ticket just changed through <paramref name="db"/>, read again with what surrounds it.</summary>
    internal async Task<TicketView> ViewAsync(AyudaDb db, Ticket t, CancellationToken cancellationToken)
    {
        return (await ReadAsync(db, await ReadById.For(db)(db, t.Id, cancellationToken), cancellationToken)
            ?? throw new InvalidOperationException($"Ticket {t.Number} is not stored.")).View;
    }

    /// <summary>A ticket with what surrounds it, as <see cref="ReadShape"/> reads it.</summary>
    private sealed record ReadRow(Ticket Ticket, string? CustomerName, string? CustomerTaxId, List<SupportAgreement> Agreements,
        string? AssigneeName, string? IncidentNumber, TicketPanels Panels);

    /// <summary>
    /// The ticket and what surrounds it in one round trip (every view of the ticket reads it): its customer with the
    /// agreements for the badge, its assignee's name, its incident's number and which of the page's panels have
    /// something to show. Compiled for the two ways a ticket is found (<see cref="PerProvider{TQuery}"/>).
    /// </summary>
    private static readonly Expression<Func<AyudaDb, IQueryable<Ticket>, IQueryable<ReadRow>>> ReadShape = (db, which) =>
        from k in which.AsNoTracking()
        from c in db.Customers.Where(c => c.Id == k.CustomerId).DefaultIfEmpty()
        select new ReadRow(
            k,
            c == null ? null : c.Name,
            c == null ? null : c.TaxId,
            db.SupportAgreements.Where(a => a.CustomerId == k.CustomerId).ToList(),
            db.Users.Where(u => u.Id == k.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
            db.Incidents.Where(i => i.Id == k.IncidentId).Select(i => i.Number).FirstOrDefault(),
            new TicketPanels(
                db.Consultations.Any(o => o.TicketId == k.Id),
                db.Meetings.Any(m => m.TicketId == k.Id),
                db.Requirements.Any(r => r.TicketId == k.Id),
                db.FeedbackEntries.Any(f => f.TicketId == k.Id),
                db.CallBacks.Any(b => b.TicketId == k.Id)));

    private static readonly PerProvider<Func<AyudaDb, string, CancellationToken, Task<ReadRow?>>> ReadByNumber =
        new(() => EF.CompileAsyncQuery(FirstOf((AyudaDb db, string number) => db.Tickets.Where(t => t.Number == number))));

    private static readonly PerProvider<Func<AyudaDb, long, CancellationToken, Task<ReadRow?>>> ReadById =
        new(() => EF.CompileAsyncQuery(FirstOf((AyudaDb db, long id) => db.Tickets.Where(t => t.Id == id))));

    /// <summary><see cref="ReadShape"/> over the tickets <paramref name="which"/> picks, first row or null.</summary>
    private static Expression<Func<AyudaDb, TKey, CancellationToken, ReadRow?>> FirstOf<TKey>(Expression<Func<AyudaDb, TKey, IQueryable<Ticket>>> which)
    {
        var db = which.Parameters[0];
        return Expression.Lambda<Func<AyudaDb, TKey, CancellationToken, ReadRow?>>(
            Expression.Call(typeof(Queryable), nameof(Queryable.FirstOrDefault), [typeof(ReadRow)], Inline(ReadShape, db, which.Body)),
            db, which.Parameters[1], Expression.Parameter(typeof(CancellationToken), "cancellationToken"));
    }

    /// <summary>The views of a ticket read by <see cref="ReadShape"/>; the contact (with its addresses and phones) in a second query.</summary>
    private async Task<(TicketView View, TicketPanels Panels, long Id)?> ReadAsync(AyudaDb db, ReadRow? x, CancellationToken cancellationToken)
    {
        if (x is null)
        {
            return null;
        }
        var t = x.Ticket;
        var customer = t.CustomerId is { } customerId && x.CustomerName is { } name
            ? new CustomerRef(customerId, name, x.CustomerTaxId ?? "", AgreementBadge.From(desk.Today, x.Agreements))
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
    internal static async Task<ContactRef> ContactAsync(AyudaDb db, int contactId, CancellationToken cancellationToken) =>
        ContactView(await ContactById.For(db)(db, contactId, cancellationToken));

    private static readonly PerProvider<Func<AyudaDb, int, CancellationToken, Task<Contact>>> ContactById =
        new(() => EF.CompileAsyncQuery((AyudaDb db, int id, CancellationToken _) => db.Contacts.AsNoTracking().First(x => x.Id == id)));

    /// <summary>A contact already read, as a ticket shows it.</summary>
    internal static ContactRef ContactView(Contact c) => new(c.Id, c.Name, c.Position, c.Emails.Select(e => e.Address).ToList(), c.Phones);

    /// <summary>
    /// A queue's filter as the parameters of one compiled query: a filter left out is null, and EF leaves its condition
    /// out of the SQL (it keeps one SQL per set of null parameters), so each queue's query is what the indexes expect.
    /// </summary>
    private sealed record ListArgs(
        TicketState? State, bool? OpenOnly, string? AssigneeId, bool? Unassigned, int? CustomerId, Classification? Classification,
        bool? Unclassified, TicketPriority? Priority, Channel? Channel, DateTimeOffset? ContactedFrom, DateTimeOffset? ContactedBefore,
        DateTimeOffset? AfterAt, long AfterId, int Take,
        DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedBefore, DateTimeOffset? ClosedFrom, DateTimeOffset? ClosedBefore)
    {
        /// <summary>Windows on creation and closing (reports' links) are rare: a queue with one is not compiled.</summary>
        public bool Windowed => CreatedFrom is not null || CreatedBefore is not null || ClosedFrom is not null || ClosedBefore is not null;
    }

    internal sealed record ListRow(long Id, string Number, string Subject, Channel Channel, TicketState State, Classification? Classification,
        TicketPriority Priority, DateTimeOffset ContactedAt, string? From, int? CustomerId, string? AssigneeId,
        string? CustomerName, string? CustomerTaxId, string? ContactName, string? AssigneeName);

    /// <summary>The tickets a queue's filter keeps.</summary>
    private static readonly Expression<Func<AyudaDb, ListArgs, IQueryable<Ticket>>> ListMatching = (db, f) =>
        db.Tickets.AsNoTracking()
            .Where(t => f.State == null || t.State == f.State)
            .Where(t => f.OpenOnly == null || t.State != TicketState.Closed)
            .Where(t => f.AssigneeId == null || t.AssigneeId == f.AssigneeId)
            .Where(t => f.Unassigned == null || t.AssigneeId == null)
            .Where(t => f.CustomerId == null || t.CustomerId == f.CustomerId)
            .Where(t => f.Classification == null || t.Classification == f.Classification)
            .Where(t => f.Unclassified == null || t.Classification == null)
            .Where(t => f.ContactedFrom == null || t.ContactedAt >= f.ContactedFrom)
            .Where(t => f.ContactedBefore == null || t.ContactedAt < f.ContactedBefore)
            .Where(t => f.CreatedFrom == null || t.CreatedAt >= f.CreatedFrom)
            .Where(t => f.CreatedBefore == null || t.CreatedAt < f.CreatedBefore)
            .Where(t => f.ClosedFrom == null || t.ClosedAt >= f.ClosedFrom)
            .Where(t => f.ClosedBefore == null || t.ClosedAt < f.ClosedBefore)
            .Where(t => f.Priority == null || t.Priority == f.Priority)
            .Where(t => f.Channel == null || t.Channel == f.Channel);

    /// <summary>A queue's rows: two scalar lookups by key per name (a projected object here becomes a window over every customer, slow at 1M tickets).</summary>
    private static readonly Expression<Func<AyudaDb, IQueryable<Ticket>, IQueryable<ListRow>>> ListRows = (db, page) =>
        page.Select(t => new ListRow(
            t.Id, t.Number, t.Subject, t.Channel, t.State, t.Classification, t.Priority, t.ContactedAt, t.From, t.CustomerId, t.AssigneeId,
            db.Customers.Where(c => c.Id == t.CustomerId).Select(c => c.Name).FirstOrDefault(),
            db.Customers.Where(c => c.Id == t.CustomerId).Select(c => c.TaxId).FirstOrDefault(),
            db.Contacts.Where(c => c.Id == t.ContactId).Select(c => c.Name).FirstOrDefault(),
            db.Users.Where(u => u.Id == t.AssigneeId).Select(u => u.DisplayName).FirstOrDefault()));

    private static readonly Expression<Func<AyudaDb, ListArgs, IQueryable<ListRow>>> ListOldestFirst = ListQuery((tickets, f) => tickets
        .Where(t => f.AfterAt == null || t.ContactedAt > f.AfterAt || (t.ContactedAt == f.AfterAt && t.Id > f.AfterId))
        .OrderBy(t => t.ContactedAt).ThenBy(t => t.Id).Take(f.Take));

    private static readonly Expression<Func<AyudaDb, ListArgs, IQueryable<ListRow>>> ListNewestFirst = ListQuery((tickets, f) => tickets
        .Where(t => f.AfterAt == null || t.ContactedAt < f.AfterAt || (t.ContactedAt == f.AfterAt && t.Id < f.AfterId))
        .OrderByDescending(t => t.ContactedAt).ThenByDescending(t => t.Id).Take(f.Take));

    private static readonly PerProvider<CompiledList> ListOldestFirstCompiled = new(() => Compile(ListOldestFirst));
    private static readonly PerProvider<CompiledList> ListNewestFirstCompiled = new(() => Compile(ListNewestFirst));

    /// <summary>
    /// A page of a queue. Compiled with <see cref="ListArgs"/>' values as its parameters (a compiled query cannot read
    /// them off an object), the windows on creation and closing left out; a queue with such a window runs the same
    /// query uncompiled, its values read off the object (EF makes them parameters: the logged SQL shows @State, @CreatedFrom).
    /// </summary>
    private static IAsyncEnumerable<ListRow> ListPage(AyudaDb db, ListArgs a, bool newestFirst)
    {
        if (a.Windowed)
        {
            var shape = newestFirst ? ListNewestFirst : ListOldestFirst;
            return ((IQueryable<Ticket>)db.Tickets).Provider.CreateQuery<ListRow>(Inline(shape, Expression.Constant(db), Expression.Constant(a))).AsAsyncEnumerable();
        }
        return (newestFirst ? ListNewestFirstCompiled : ListOldestFirstCompiled).For(db)(db, a.State, a.OpenOnly, a.AssigneeId, a.Unassigned,
            a.CustomerId, a.Classification, a.Unclassified, a.Priority, a.Channel, a.ContactedFrom, a.ContactedBefore, a.AfterAt, a.AfterId, a.Take);
    }

    private static CompiledList Compile(Expression<Func<AyudaDb, ListArgs, IQueryable<ListRow>>> shape)
    {
        // ListArgs' first 14 values, in their order, are the compiled query's parameters after the context (as ListPage
        // passes them); Expression.Lambda refuses a list whose types differ from CompiledListShape's.
        var parameters = typeof(ListArgs).GetConstructors().Single().GetParameters().Take(14)
            .Select(p => Expression.Parameter(p.ParameterType, p.Name)).ToArray();
        var body = BindMembers(shape.Body, shape.Parameters[1], property =>
            parameters.SingleOrDefault(p => p.Name == property.Name) ?? (Expression)Expression.Constant(null, property.PropertyType));
        return EF.CompileAsyncQuery(Expression.Lambda<CompiledListShape>(body, [shape.Parameters[0], .. parameters]));
    }

    /// <summary><see cref="ListRows"/> of one page, in an order, of what <see cref="ListMatching"/> keeps.</summary>
    private static Expression<Func<AyudaDb, ListArgs, IQueryable<ListRow>>> ListQuery(Expression<Func<IQueryable<Ticket>, ListArgs, IQueryable<Ticket>>> page)
    {
        var db = Expression.Parameter(typeof(AyudaDb), "db");
        var f = Expression.Parameter(typeof(ListArgs), "f");
        return Expression.Lambda<Func<AyudaDb, ListArgs, IQueryable<ListRow>>>(
            Inline(ListRows, db, Inline(page, Inline(ListMatching, db, f), f)), db, f);
    }

    public async Task<TicketPage> ListAsync(TicketFilter filter, string? cursor, int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var after = Cursor.Parse(cursor);
        var args = new ListArgs(
            filter.State,
            filter.OpenOnly && filter.State is null ? true : null,
            filter.AssigneeId is "none" or null ? null : filter.AssigneeId,
            filter.AssigneeId == "none" ? true : null,
            filter.CustomerId,
            filter.Classification,
            filter.Unclassified && filter.Classification is null ? true : null,
            filter.Priority,
            filter.Channel,
            filter.ContactedFrom, filter.ContactedBefore,
            after?.At, after?.Id ?? 0,
            limit + 1,
            filter.CreatedFrom, filter.CreatedBefore, filter.ClosedFrom, filter.ClosedBefore);
        var rows = await ListPage(db, args, filter.NewestFirst).ToListAsync(cancellationToken);
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
        if (await ReadAsync(db, await ReadByNumber.For(db)(db, number, cancellationToken), cancellationToken) is not { } read)
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
        await TimelineOf.For(db)(db, ticketId).ToListAsync(cancellationToken);

    private static readonly PerProvider<Func<AyudaDb, long, IAsyncEnumerable<TimelineItem>>> TimelineOf = new(() =>
        EF.CompileAsyncQuery((AyudaDb db, long ticketId) =>
            db.TimelineEntries.AsNoTracking().Where(e => e.TicketId == ticketId).OrderBy(e => e.Id).Take(5000)
                .Select(e => new TimelineItem(e.Id, e.At, e.ActorId, e.ActorName, e.Kind, e.From, e.To, e.Text, e.Internal, e.TicketMessageId))));

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
        var rows = await MessagesOf.For(db)(db, ticketId).ToListAsync(cancellationToken);
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

    private sealed record MessageRow(MessageView View, bool WithFiles);

    private static readonly PerProvider<Func<AyudaDb, long, IAsyncEnumerable<MessageRow>>> MessagesOf = new(() =>
        EF.CompileAsyncQuery((AyudaDb db, long ticketId) =>
            db.TicketMessages.AsNoTracking().Where(m => m.TicketId == ticketId).OrderBy(m => m.Id).Take(1000)
                .Select(m => new MessageRow(
                    new MessageView(m.Id, m.Direction, m.Channel, m.At, m.From, m.To, m.Cc, m.Subject, m.Text, m.QuotedText, m.Html, m.MessageId,
                        Array.Empty<AttachmentView>(),
                        m.Outbox == null ? null : new DeliveryView(m.Outbox.Id, m.Outbox.State, m.Outbox.Attempts, m.Outbox.SentAt, m.Outbox.NextAttemptAt, m.Outbox.LastError, m.Outbox.DeliveredAt, m.Outbox.ReadAt, m.Channel == Channel.WhatsApp && m.Subject.StartsWith("[") ? m.Subject : null)),
                    m.Attachments.Any()))));

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
