using System.Collections.Concurrent;
using Ayuda.Data;
using Ayuda.Features.Customers;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Intake;

/// <summary>
/// The one door for every channel: identify who is getting in touch, apply the agreement gate, open the ticket.
/// In force → Pending for Implementation; not in force → Regularisation for the Project Manager; unknown → Triage.
/// </summary>
public sealed class ReceiveContact(
    IDbContextFactory<AyudaDb> contexts,
    TicketQueries queries,
    Channels.Phone.CallNotices callNotices,
    OnCall.OnCallRouting onCall,
    TicketSignal signal,
    DeskClock desk,
    IStringLocalizer<Strings> l,
    ILogger<ReceiveContact> logger) : IAsyncDisposable
{
    public Task<Outcome<TicketView>> ExecuteAsync(IntakeRequest request, Actor actor, CancellationToken cancellationToken) =>
        ExecuteAsync(request, actor, idempotencyKey: null, cancellationToken);

    /// <summary>
    /// Receives a contact; with <paramref name="idempotencyKey"/> (the API's <c>Idempotency-Key</c> header) a second call
    /// with the same key from the same caller answers with the ticket the first one opened, even when both arrive at once.
    /// </summary>
    public async Task<Outcome<TicketView>> ExecuteAsync(IntakeRequest request, Actor actor, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (idempotencyKey is not null && !IntakeKey.IsWellFormed(idempotencyKey))
        {
            errors[IdempotencyHeader] = [l["Intake.IdempotencyKeyInvalid", IntakeKey.MaxLength]];
        }
        if (request.Channel is not { } channel || !Enum.IsDefined(channel))
        {
            errors["channel"] = [l["Intake.ChannelRequired"]];
        }
        if (string.IsNullOrWhiteSpace(request.Subject))
        {
            errors["subject"] = [l["Intake.SubjectRequired"]];
        }
        else if (request.Subject.Trim().Length > Ticket.MaxSubjectLength)
        {
            errors["subject"] = [l["Intake.SubjectTooLong", Ticket.MaxSubjectLength]];
        }
        if ((request.Description?.Length ?? 0) > Ticket.MaxDescriptionLength)
        {
            errors["description"] = [l["Intake.DescriptionTooLong", Ticket.MaxDescriptionLength]];
        }
        if ((request.From?.Trim().Length ?? 0) > 320)
        {
            errors["from"] = [l["Intake.FromTooLong"]];
        }
        if (request.Priority is { } p && !Enum.IsDefined(p))
        {
            errors["priority"] = [l["Tickets.PriorityRequired"]];
        }
        if (errors.Count > 0)
        {
            return Outcome<TicketView>.Invalid(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var caller = Caller(actor);
        if (idempotencyKey is not null && await ReplayAsync(db, caller, idempotencyKey, request, cancellationToken) is { } replay)
        {
            return replay;
        }
        // Who is writing and their agreement are read before any transaction: on SQLite only one writes at a time.
        var identified = await IdentifyAndGateAsync(db, request, forAnswer: true, cancellationToken);
        if (!identified.Succeeded)
        {
            return identified.Problem is null ? Outcome<TicketView>.Invalid(identified.Errors) : Outcome<TicketView>.Fail(identified.Problem, identified.Kind);
        }
        Ticket ticket;
        try
        {
            if (request.CallId is { } callId)
            {
                var written = await WriteWithCallAsync(db, request, identified.Value!, actor, idempotencyKey, cancellationToken);
                if (!written.Succeeded)
                {
                    return written.Problem is null ? Outcome<TicketView>.Invalid(written.Errors) : Outcome<TicketView>.Fail(written.Problem, written.Kind);
                }
                ticket = written.Value!;
                callNotices.Remove(callId);
            }
            else
            {
                ticket = await WriteTogetherAsync(new Pending(request, identified.Value!, actor, idempotencyKey));
            }
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // The same key arrived twice at once: the other request stored its ticket first, and this one answers with it.
            if (await ReplayAsync(db, caller, idempotencyKey, request, CancellationToken.None) is { } replayed)
            {
                return replayed;
            }
            throw;
        }
        logger.LogInformation("Ticket {Number} received by {Channel} for customer {CustomerId}: {State}",
            ticket.Number, ticket.Channel, ticket.CustomerId, ticket.State);
        // The answer is built from what identification read: the customer, the contact and the agreement do not change by
        // receiving a contact, so they are not read again. Only an on-call assignment names someone new.
        var assignee = ticket.AssigneeId is { } assigneeId
            ? await db.Users.AsNoTracking().Where(u => u.Id == assigneeId).Select(u => new StaffRef(u.Id, u.DisplayName)).FirstAsync(cancellationToken)
            : null;
        var who = identified.Value!;
        return Outcome<TicketView>.Ok(TicketQueries.View(ticket, who.Customer, who.Contact, assignee, incident: null));
    }

    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>The ticket a key already opened, or a 400 naming the header when the key was used for another contact.</summary>
    private async Task<Outcome<TicketView>?> ReplayAsync(AyudaDb db, string caller, string key, IntakeRequest request, CancellationToken cancellationToken)
    {
        var ticketId = await db.IntakeKeys.AsNoTracking().Where(k => k.CallerId == caller && k.Key == key)
            .Select(k => (long?)k.TicketId).FirstOrDefaultAsync(cancellationToken);
        if (ticketId is null)
        {
            return null;
        }
        var ticket = await db.Tickets.AsNoTracking().FirstAsync(t => t.Id == ticketId, cancellationToken);
        if (ticket.Channel != request.Channel || !string.Equals(ticket.Subject, request.Subject?.Trim(), StringComparison.Ordinal))
        {
            return Outcome<TicketView>.Invalid(IdempotencyHeader, l["Intake.IdempotencyKeyReused", ticket.Number]);
        }
        logger.LogInformation("Contact with a repeated idempotency key answered with ticket {Number}", ticket.Number);
        return Outcome<TicketView>.Ok(await queries.ViewAsync(db, ticket, cancellationToken));
    }

    /// <summary>A contact on a call the switchboard reported: the call may be gone or taken meanwhile, so it is written alone.</summary>
    private async Task<Outcome<Ticket>> WriteWithCallAsync(AyudaDb db, IntakeRequest request, Identified identified, Actor actor, string? key,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ticket = await OpenAsync(db, request, identified, actor, cancellationToken);
        if (KeyOf(actor, key, ticket) is { } intakeKey)
        {
            db.IntakeKeys.Add(intakeKey);
        }
        try
        {
            await RecordCallAsync(db, ticket, request, actor, cancellationToken);
        }
        catch (DomainException e)
        {
            return e.Kind == DomainErrorKind.Invalid ? Outcome<Ticket>.Invalid("callId", e.Describe(l)) : Outcome<Ticket>.Fail(e.Describe(l), e.Kind);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<Ticket>.Fail(l["Calls.RegisteredMeanwhile"]);
        }
        await transaction.CommitAsync(cancellationToken);
        return Outcome<Ticket>.Ok(ticket);
    }

    /// <summary>
    /// Group commit: contacts arriving together are written in one transaction by whichever request gets the writer
    /// first, each with its own number, ticket, call and timeline, saved one after another so on-call routing counts the
    /// ones before it. One commit instead of one per contact is what lets the single SQLite writer keep up with bursts.
    /// If the batch fails, its contacts are written one by one, so one bad contact never costs the others.
    /// Started writes are never cancelled halfway: the caller's cancellation does not reach them.
    /// </summary>
    private async Task<Ticket> WriteTogetherAsync(Pending pending)
    {
        _pending.Enqueue(pending);
        while (!pending.Done.Task.IsCompleted)
        {
            await _writer.WaitAsync(CancellationToken.None);
            try
            {
                var batch = new List<Pending>(MaxBatch);
                while (!pending.Done.Task.IsCompleted && batch.Count < MaxBatch && _pending.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
                if (batch.Count > 0)
                {
                    await WriteBatchAsync(batch);
                }
            }
            finally
            {
                _writer.Release();
            }
        }
        return await pending.Done.Task;
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        var committing = false;
        try
        {
            var (db, rows) = await WriterAsync();
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var tickets = new List<Ticket>(batch.Count);
            // Who is on call is read once for the whole burst, when its first Pending ticket needs it.
            Task<OnCall.OnCallPlan?>? plan = null;
            Task<OnCall.OnCallPlan?> Plan() => plan ??= onCall.PlanAsync(db, desk.UtcNow, CancellationToken.None);
            // The burst's numbers are taken together, one statement per year rather than one per ticket, in arrival order.
            var opened = batch.Select(item => Opened(item.Request, desk.UtcNow)).ToArray();
            foreach (var year in Enumerable.Range(0, opened.Length).GroupBy(i => opened[i].Year))
            {
                var numbers = await TicketNumbers.NextAsync(db, year.Key, year.Count(), CancellationToken.None);
                foreach (var (i, number) in year.Zip(numbers))
                {
                    opened[i] = opened[i] with { Number = number };
                }
            }
            for (var i = 0; i < batch.Count; i++)
            {
                var item = batch[i];
                var ticket = await OpenAsync(db, item.Request, item.Identified, item.Actor, CancellationToken.None, Plan, track: false, opened[i]);
                await rows.InsertAsync(ticket, CancellationToken.None);
                await rows.InsertAllAsync(ticket.Timeline, CancellationToken.None, (nameof(TimelineEntry.TicketId), ticket.Id));
                if (ticket.Channel == Channel.Phone)
                {
                    await rows.InsertAsync(NewCall(ticket, item.Request, item.Actor), CancellationToken.None);
                }
                if (KeyOf(item.Actor, item.Key, ticket) is { } key)
                {
                    await rows.InsertAsync(key, CancellationToken.None);
                }
                // What on-call routing added (notices, mails) is saved by EF, in the same transaction.
                if (db.ChangeTracker.HasChanges())
                {
                    await db.SaveChangesAsync(CancellationToken.None);
                    db.ChangeTracker.Clear();
                }
                tickets.Add(ticket);
            }
            // Open pages hear of the new tickets once they are committed, as after any save of a ticket.
            AfterCommit.Register(db, signal.Raise);
            committing = true;
            await transaction.CommitAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(tickets[i]);
            }
        }
        catch (Exception e) when (committing)
        {
            // The commit itself failed (a connection lost mid-COMMIT): the batch may or may not be stored. Writing it
            // again could store it twice, so every caller is told it failed, and a client that retries may find it.
            logger.LogError(e, "The commit of a batch of {Count} contacts failed; its callers are told so", batch.Count);
            await ForgetWriterAsync();
            foreach (var item in batch)
            {
                item.Done.TrySetException(e);
            }
        }
        catch (Exception e) when (batch.Count > 1 && !TimedOut(e))
        {
            logger.LogWarning(e, "A batch of {Count} contacts could not be saved together; saving them one by one", batch.Count);
            await ForgetWriterAsync();
            foreach (var item in batch)
            {
                await WriteBatchAsync([item]);
            }
        }
        catch (Exception e)
        {
            await ForgetWriterAsync();
            foreach (var item in batch)
            {
                item.Done.TrySetException(e);
            }
        }
    }

    /// <summary>
    /// The writer's context, with its connection held open and its insert statements prepared, kept from one burst to
    /// the next (compiling the ticket insert and its search triggers for every burst cost as much as writing it). Only
    /// used under <see cref="_writer"/>; dropped after any failure, so a broken connection is never used twice.
    /// </summary>
    private async Task<(AyudaDb Db, DirectInserts Rows)> WriterAsync()
    {
        if (_kept is { } kept)
        {
            return kept;
        }
        var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        try
        {
            await db.Database.OpenConnectionAsync(CancellationToken.None);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
        // A failed batch is written again one by one, so a savepoint around each save would only cost two statements more.
        db.Database.AutoSavepointsEnabled = false;
        _kept = (db, new DirectInserts(db));
        return _kept.Value;
    }

    private async Task ForgetWriterAsync()
    {
        if (_kept is { } kept)
        {
            _kept = null;
            await kept.Rows.DisposeAsync();
            await kept.Db.DisposeAsync();
        }
    }

    private (AyudaDb Db, DirectInserts Rows)? _kept;

    /// <summary>The host is stopping: the writer's connection goes back.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writer.WaitAsync(CancellationToken.None);
        try
        {
            await ForgetWriterAsync();
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>A batch that waited out a timeout would wait it out again for each of its contacts: it fails as a whole.</summary>
    private static bool TimedOut(Exception e) =>
        e is TimeoutException or OperationCanceledException || (e.InnerException is { } inner && TimedOut(inner));

    private const int MaxBatch = 64;
    private readonly ConcurrentQueue<Pending> _pending = new();
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Whose keys these are: the staff member, or no one in particular for the system.</summary>
    private static string Caller(Actor actor) => actor.Id ?? "";

    /// <summary>The caller's key, if they sent one, to go in with its ticket in the same transaction.</summary>
    private static IntakeKey? KeyOf(Actor actor, string? key, Ticket ticket) =>
        key is null ? null : new IntakeKey(Caller(actor), key, ticket, ticket.CreatedAt);

    private sealed class Pending(IntakeRequest request, Identified identified, Actor actor, string? key)
    {
        public IntakeRequest Request { get; } = request;
        public string? Key { get; } = key;
        public Identified Identified { get; } = identified;
        public Actor Actor { get; } = actor;
        public TaskCompletionSource<Ticket> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Identifies, applies the gate and adds the new ticket to <paramref name="db"/> without saving, inside the caller's
    /// transaction: a channel adds its message (and any outbox rows) and saves everything at once.
    /// </summary>
    internal async Task<Outcome<Ticket>> OpenAsync(AyudaDb db, IntakeRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var identified = await IdentifyAndGateAsync(db, request, forAnswer: false, cancellationToken);
        if (!identified.Succeeded)
        {
            return identified.Problem is null ? Outcome<Ticket>.Invalid(identified.Errors) : Outcome<Ticket>.Fail(identified.Problem, identified.Kind);
        }
        return Outcome<Ticket>.Ok(await OpenAsync(db, request, identified.Value!, actor, cancellationToken));
    }

    /// <summary>
    /// Reads who got in touch and whether their agreement is in force, and <paramref name="forAnswer"/> what the answer
    /// shows of them (the CUIT, the contact); writes nothing.
    /// </summary>
    private async Task<Outcome<Identified>> IdentifyAndGateAsync(AyudaDb db, IntakeRequest request, bool forAnswer, CancellationToken cancellationToken)
    {
        Known? known;
        try
        {
            known = await IdentifyAsync(db, request, forAnswer, cancellationToken);
        }
        catch (DomainException e)
        {
            return e.Kind == DomainErrorKind.Invalid
                ? Outcome<Identified>.Invalid(e.Key.StartsWith("Intake.Contact", StringComparison.Ordinal) ? "contactId" : "customerId", e.Describe(l))
                : Outcome<Identified>.Fail(e.Describe(l), e.Kind);
        }
        if (known is null)
        {
            return Outcome<Identified>.Ok(new Identified(null, AgreementBadge.None, null, null));
        }
        var sender = known.Sender;
        var badge = known.Agreements is { } agreements
            ? AgreementBadge.From(desk.Today, agreements)
            : await AgreementBadges.ForAsync(db, sender.CustomerId, desk.Today, cancellationToken);
        if (!forAnswer)
        {
            return Outcome<Identified>.Ok(new Identified(sender, badge, null, null));
        }
        var contact = known.Contact ?? (sender.ContactId is { } contactId ? await TicketQueries.ContactAsync(db, contactId, cancellationToken) : null);
        return Outcome<Identified>.Ok(new Identified(sender, badge, new CustomerRef(sender.CustomerId, sender.CustomerName, known.TaxId, badge), contact));
    }

    /// <summary>
    /// Opens the ticket; <paramref name="track"/> false leaves it out of <paramref name="db"/>'s change tracker, for a
    /// caller that inserts its rows itself.
    /// </summary>
    private async Task<Ticket> OpenAsync(AyudaDb db, IntakeRequest request, Identified identified, Actor actor, CancellationToken cancellationToken,
        Func<Task<OnCall.OnCallPlan?>>? plan = null, bool track = true, Opening? opening = null)
    {
        var (now, contactedAt, year, number) = opening ?? Opened(request, desk.UtcNow);
        number ??= await TicketNumbers.NextAsync(db, year, cancellationToken);
        var ticket = new Ticket(number, request.Channel!.Value, request.Subject!, request.Description ?? "", request.From,
            request.Priority ?? TicketPriority.Normal, contactedAt, actor, now);
        if (identified.Sender is { } sender)
        {
            ticket.Identify(sender.CustomerId, sender.ContactId, sender.CustomerName, actor, now);
            ticket.ApplyGate(identified.Badge, actor, now);
        }
        if (track)
        {
            db.Tickets.Add(ticket);
        }
        if (plan is null)
        {
            await onCall.RouteAsync(db, ticket, now, cancellationToken);
        }
        else if (ticket.State == TicketState.Pending)
        {
            await onCall.RouteAsync(db, ticket, now, await plan(), cancellationToken);
        }
        return ticket;
    }

    private sealed record Identified(IdentifySender.Sender? Sender, AgreementBadge Badge, CustomerRef? Customer, ContactRef? Contact);

    /// <summary>When a ticket is opened, when the contact happened, the year that numbers it, and its number once taken.</summary>
    private sealed record Opening(DateTimeOffset Now, DateTimeOffset ContactedAt, int Year, string? Number = null);

    /// <summary>The contact's time is the one given when it is not in the future; the desk's year of that time numbers the ticket.</summary>
    private Opening Opened(IntakeRequest request, DateTimeOffset now)
    {
        var contactedAt = request.ContactedAt is { } at && at <= now ? at.ToUniversalTime() : now;
        return new Opening(now, contactedAt, TimeZoneInfo.ConvertTime(contactedAt, desk.TimeZone).Year);
    }

    /// <summary>
    /// Who got in touch, with their customer's CUIT (when read for the answer) and, when already read, the contact as a
    /// ticket shows it and the customer's agreements.
    /// </summary>
    private sealed record Known(IdentifySender.Sender Sender, string TaxId, ContactRef? Contact, IReadOnlyList<SupportAgreement>? Agreements = null);

    /// <summary>The call log gets the call: the switchboard's call when named, else one registered now by the actor.</summary>
    private static async Task RecordCallAsync(AyudaDb db, Ticket ticket, IntakeRequest request, Actor actor, CancellationToken ct)
    {
        Channels.Phone.Call call;
        if (request.CallId is { } callId)
        {
            call = await db.Calls.Include(c => c.Ticket).FirstOrDefaultAsync(c => c.Id == callId, ct) ?? throw DomainException.Invalid("Calls.NotFound", callId);
        }
        else
        {
            db.Calls.Add(NewCall(ticket, request, actor));
            return;
        }
        call.Register(ticket, actor, ticket.CreatedAt);
    }

    /// <summary>A call taken now by the actor, registered on <paramref name="ticket"/> (the intake form's phone contact).</summary>
    private static Channels.Phone.Call NewCall(Ticket ticket, IntakeRequest request, Actor actor)
    {
        var number = Phones.Normalise(request.From) ?? (request.From?.Contains('@') == true ? "" : request.From ?? "");
        var call = Channels.Phone.Call.Registered(number, ticket.ContactedAt, actor);
        call.Register(ticket, actor, ticket.CreatedAt);
        return call;
    }

    private sealed record ContactFound(Contact Contact, string CustomerName, string TaxId, List<SupportAgreement> Agreements);

    /// <summary>
    /// The contact, its customer and the customer's agreements (for the gate) in one round trip: the API's usual case.
    /// Compiled (<see cref="PerProvider{TQuery}"/>): working out the cache key of a query this shape cost more than running it.
    /// </summary>
    private static Task<ContactFound?> ContactWithCustomer(AyudaDb db, int contactId, CancellationToken ct) =>
        ContactWithCustomerQuery.For(db)(db, contactId, ct);

    private static readonly PerProvider<Func<AyudaDb, int, CancellationToken, Task<ContactFound?>>> ContactWithCustomerQuery = new(() =>
        EF.CompileAsyncQuery((AyudaDb db, int contactId, CancellationToken ct) =>
            db.Contacts.AsNoTracking().Where(c => c.Id == contactId)
                .Select(c => new ContactFound(
                    c,
                    db.Customers.Where(x => x.Id == c.CustomerId).Select(x => x.Name).First(),
                    db.Customers.Where(x => x.Id == c.CustomerId).Select(x => x.TaxId).First(),
                    db.SupportAgreements.Where(a => a.CustomerId == c.CustomerId).ToList()))
                .FirstOrDefault()));

    private static async Task<Known?> IdentifyAsync(AyudaDb db, IntakeRequest request, bool forAnswer, CancellationToken ct)
    {
        if (request.ContactId is { } contactId)
        {
            var found = await ContactWithCustomer(db, contactId, ct) ?? throw DomainException.Invalid("Intake.ContactUnknown", contactId);
            var contact = found.Contact;
            if (request.CustomerId is { } given && given != contact.CustomerId)
            {
                throw DomainException.Invalid("Intake.ContactOfOtherCustomer", contactId, given);
            }
            return new Known(new IdentifySender.Sender(contact.CustomerId, contactId, found.CustomerName), found.TaxId,
                TicketQueries.ContactView(contact), found.Agreements);
        }
        if (request.CustomerId is { } customerId)
        {
            var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.Name, c.TaxId }).FirstOrDefaultAsync(ct)
                ?? throw DomainException.Invalid("Intake.CustomerUnknown", customerId);
            // The caller may still be recognisable among this customer's contacts.
            var sender = await IdentifySender.FromAddressAsync(db, request.From, ct);
            return new Known(new IdentifySender.Sender(customerId, sender?.CustomerId == customerId ? sender.ContactId : null, customer.Name), customer.TaxId, null);
        }
        if (await IdentifySender.FromAddressAsync(db, request.From, ct) is not { } from)
        {
            return null;
        }
        var taxId = forAnswer ? await db.Customers.AsNoTracking().Where(c => c.Id == from.CustomerId).Select(c => c.TaxId).FirstAsync(ct) : "";
        return new Known(from, taxId, null);
    }
}
