using System.Text.RegularExpressions;
using Ayuda.Data;
using Ayuda.Features.Customers;
using Ayuda.Features.Intake;
using Ayuda.Features.Meetings;
using Ayuda.Features.Notifications;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Channels.Email;

/// <summary>
/// Imports one raw email, exactly once: dedupe on Message-ID (or a content hash), bounces marked on the message they
/// answer, mail from ourselves dropped, replies threaded to their ticket (references, subject token, Thread-Index),
/// new contacts through the Intake door, acknowledgements only to people and only a few an hour. Everything an import
/// writes (inbound record, ticket, message, attachments, acknowledgement in the outbox) is saved in one transaction.
/// </summary>
public sealed partial class EmailImporter(
    IDbContextFactory<AyudaDb> contexts,
    ReceiveContact intake,
    EmailComposer composer,
    RegularisationNotice regularisation,
    OutboxSignal outboxSignal,
    DeskClock desk,
    IOptionsMonitor<EmailOptions> options,
    IStringLocalizer<Strings> l,
    ILogger<EmailImporter> logger)
{
    private static readonly Actor EmailActor = Actor.System("Email");

    /// <summary>Imports, and quarantines with the reason whatever fails unexpectedly: one bad message never blocks the channel.</summary>
    public async Task<ImportResult> ImportSafelyAsync(byte[] raw, string source, CancellationToken cancellationToken)
    {
        try
        {
            return await ImportAsync(raw, source, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Email from {Source} could not be imported; quarantined", source);
            return await QuarantineAsync(raw, source, "", "", $"Unexpected error while importing: {e.GetType().Name}: {e.Message}", cancellationToken);
        }
    }

    public async Task<ImportResult> ImportAsync(byte[] raw, string source, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (raw.LongLength > settings.MaxMessageBytes)
        {
            return await QuarantineAsync(raw, source, "", "", $"The message is {raw.LongLength:N0} bytes; the limit is {settings.MaxMessageBytes:N0}.", cancellationToken);
        }
        ParsedEmail email;
        try
        {
            email = EmailParser.Parse(raw);
        }
        catch (UnreadableEmailException e)
        {
            return await QuarantineAsync(raw, source, "", "", e.Message, cancellationToken);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.InboundMessages.AnyAsync(m => m.Channel == Channel.Email && m.ExternalId == email.ExternalId, cancellationToken))
        {
            return ImportResult.Duplicate(email.ExternalId);
        }
        var now = desk.UtcNow;
        var inbound = new InboundMessage(Channel.Email, email.ExternalId, source, now, email.FromAddress, email.Subject);
        db.InboundMessages.Add(inbound);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await RouteAsync(db, email, inbound, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another host or a redelivery imported the same message a moment ago; anything else is a real error.
            if (await IsDuplicateAsync(email.ExternalId, cancellationToken))
            {
                return ImportResult.Duplicate(email.ExternalId);
            }
            throw;
        }
        if (result.Acknowledged)
        {
            outboxSignal.Notify();
        }
        logger.LogInformation("Email {ExternalId} from {Source}: {Outcome} {Number} {Reason}",
            email.ExternalId, source, result.Outcome, result.TicketNumber, result.Reason);
        return result;
    }

    private async Task<ImportResult> RouteAsync(AyudaDb db, ParsedEmail email, InboundMessage inbound, DateTimeOffset now, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        if (email.Bounce is { } bounce)
        {
            return await BounceAsync(db, email, bounce, inbound, now, ct);
        }
        if (settings.IsOwnAddress(email.FromAddress))
        {
            inbound.Ignored("Sent from the desk's own address (mail loop).");
            return ImportResult.Ignored(email.ExternalId, inbound.Reason!);
        }
        if (email.CalendarReply is { } reply && await MeetingReplies.RecordAsync(db, reply, email.FromAddress, EmailActor, now, ct) is { } meeting)
        {
            // An Accept/Decline from a calendar is not a message from the customer: it opens nothing and reopens nothing.
            inbound.Ignored($"Answer ({reply.Response}) from {reply.Attendee} to meeting {meeting.Id}.", meeting.TicketId);
            return ImportResult.Ignored(email.ExternalId, inbound.Reason!);
        }

        var ticket = await ThreadAsync(db, email, ct);
        // A Message-ID we already hold (a forged copy of one of ours) is not kept twice; the message still imports.
        var keepId = email.MessageId is { } mid && !await db.TicketMessages.AnyAsync(m => m.MessageId == mid, ct);
        var message = ToMessage(keepId ? email : email with { MessageId = null }, now);
        if (ticket is not null && ticket.State == TicketState.Closed && email.AutomaticReason is { } autoOnClosed)
        {
            // An out-of-office answer to our last mail neither reopens the case nor opens a new one.
            inbound.Ignored($"Automatic message ({autoOnClosed}) about closed ticket {ticket.Number}.", ticket.Id);
            return ImportResult.Ignored(email.ExternalId, inbound.Reason!);
        }
        if (ticket is not null && ticket.State == TicketState.Closed)
        {
            var badge = await AgreementBadges.ForAsync(db, ticket.CustomerId, desk.Today, ct);
            if (ticket.CanReopen(now, TimeSpan.FromDays(settings.ReopenDays)) && badge.InForce)
            {
                ticket.Reopen(badge, EmailActor, now, l["Email.ReopenedByReply"]);
            }
            else
            {
                var previous = ticket.Number;
                ticket = null;
                if (email.AutomaticReason is null)
                {
                    var opened = await OpenAsync(db, email, now, ct);
                    if (opened is null)
                    {
                        return await QuarantineInPlaceAsync(inbound, email, "The sender could not be recorded as a new contact.");
                    }
                    opened.Continue(previous, EmailActor, now);
                    opened.ReceiveMessage(message, EmailActor, now);
                    var ackNew = await AcknowledgeAsync(db, opened, email, now, ct);
                    inbound.Imported(opened);
                    return ImportResult.NewTicket(email.ExternalId, opened.Number, ackNew);
                }
            }
        }
        if (ticket is not null)
        {
            ticket.ReceiveMessage(message, EmailActor, now, fromAPerson: email.AutomaticReason is null);
            inbound.Imported(ticket);
            return ImportResult.Joined(email.ExternalId, ticket.Number);
        }
        if (email.AutomaticReason is { } automatic)
        {
            inbound.Ignored($"Automatic message ({automatic}); it opens no ticket and gets no answer.");
            return ImportResult.Ignored(email.ExternalId, inbound.Reason!);
        }
        var created = await OpenAsync(db, email, now, ct);
        if (created is null)
        {
            return await QuarantineInPlaceAsync(inbound, email, "The ticket could not be opened from this message.");
        }
        created.ReceiveMessage(message, EmailActor, now);
        var acknowledged = await AcknowledgeAsync(db, created, email, now, ct);
        inbound.Imported(created);
        return ImportResult.NewTicket(email.ExternalId, created.Number, acknowledged);
    }

    private async Task<Ticket?> OpenAsync(AyudaDb db, ParsedEmail email, DateTimeOffset now, CancellationToken ct)
    {
        var subject = string.IsNullOrWhiteSpace(email.Subject) ? l["Email.NoSubject"].Value : email.Subject;
        var description = email.Text.Length > Ticket.MaxDescriptionLength ? email.Text[..Ticket.MaxDescriptionLength] : email.Text;
        var opened = await intake.OpenAsync(db, new IntakeRequest(Channel.Email, subject.Length > Ticket.MaxSubjectLength ? subject[..Ticket.MaxSubjectLength] : subject,
            description, From: email.FromAddress, ContactedAt: now), EmailActor, ct);
        return opened.Value;
    }

    /// <summary>Finds the ticket a reply belongs to: by the ids it answers, then by the subject token, then by Outlook's Thread-Index.</summary>
    private async Task<Ticket?> ThreadAsync(AyudaDb db, ParsedEmail email, CancellationToken ct)
    {
        var ids = email.References.Append(email.InReplyTo).OfType<string>().Distinct().ToList();
        if (ids.Count > 0)
        {
            var ticketId = await db.TicketMessages.Where(m => m.MessageId != null && ids.Contains(m.MessageId))
                .OrderByDescending(m => m.Id).Select(m => (long?)m.TicketId).FirstOrDefaultAsync(ct);
            if (ticketId is { } id)
            {
                return await db.Tickets.FirstAsync(t => t.Id == id, ct);
            }
        }
        var token = SubjectTokenPattern().Match(email.Subject);
        if (token.Success)
        {
            var number = token.Groups[1].Value;
            var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Number == number, ct);
            // A token alone is easy to type: accept it only from the ticket's own customer (or for a ticket with none yet).
            if (ticket is not null && (ticket.CustomerId is null || await SenderBelongsToAsync(db, email.FromAddress, ticket.CustomerId.Value, ct)))
            {
                return ticket;
            }
        }
        if (email.ThreadKey is { } key)
        {
            var ticketId = await db.TicketMessages.Where(m => m.ThreadKey == key).OrderByDescending(m => m.Id)
                .Select(m => (long?)m.TicketId).FirstOrDefaultAsync(ct);
            if (ticketId is { } id)
            {
                return await db.Tickets.FirstAsync(t => t.Id == id, ct);
            }
        }
        return null;
    }

    private static async Task<bool> SenderBelongsToAsync(AyudaDb db, string address, int customerId, CancellationToken ct)
    {
        var domain = address[(address.LastIndexOf('@') + 1)..];
        return await db.Contacts.AnyAsync(c => c.CustomerId == customerId && c.Emails.Any(e => e.Address == address), ct)
            || await db.Customers.AnyAsync(c => c.Id == customerId && c.EmailDomains.Any(d => d.Domain == domain), ct);
    }

    /// <summary>
    /// Answers the first message of a new ticket: the acknowledgement, or, when the customer has no agreement in force,
    /// the regularisation notice. Both are limited per sender and hour, so two mail robots cannot answer each other forever.
    /// </summary>
    private async Task<bool> AcknowledgeAsync(AyudaDb db, Ticket ticket, ParsedEmail email, DateTimeOffset now, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        if (!settings.AcknowledgeNewTickets || email.AutomaticReason is not null)
        {
            return false;
        }
        var since = now.AddHours(-1);
        OutboxKind[] answers = [OutboxKind.Acknowledgement, OutboxKind.Regularisation];
        var recent = await db.Outbox.CountAsync(o => o.To == email.FromAddress && answers.Contains(o.Kind) && o.CreatedAt >= since, ct)
            + db.ChangeTracker.Entries<OutboxMessage>().Count(e => e.State == EntityState.Added && e.Entity.To == email.FromAddress && answers.Contains(e.Entity.Kind));
        if (recent >= settings.AcknowledgementsPerSenderPerHour)
        {
            logger.LogInformation("No acknowledgement to {Address}: {Count} already sent this hour", email.FromAddress, recent);
            return false;
        }
        var language = await CustomerRecipient.LanguageAsync(db, ticket, ct);
        var (kind, (subject, text)) = ticket.State == TicketState.Regularisation
            ? (OutboxKind.Regularisation, await regularisation.TextAsync(db, ticket, language, ct))
            : (OutboxKind.Acknowledgement, await composer.AcknowledgementAsync(db, ticket, language, ct));
        await composer.ComposeAsync(db, ticket, kind, [email.FromAddress], [], subject, text, EmailActor, now, ct);
        return true;
    }

    private async Task<ImportResult> BounceAsync(AyudaDb db, ParsedEmail email, Bounce bounce, InboundMessage inbound, DateTimeOffset now, CancellationToken ct)
    {
        var original = bounce.OriginalMessageId is { } id ? await db.Outbox.Include(o => o.Ticket).FirstOrDefaultAsync(o => o.MessageId == id, ct) : null;
        if (original is null)
        {
            inbound.Ignored($"Delivery report for a message that is not ours ({bounce.OriginalMessageId ?? "no original id"}).");
            return ImportResult.Ignored(email.ExternalId, inbound.Reason!);
        }
        original.Bounced(bounce.Reason);
        original.Ticket?.RecordDeliveryFailure(string.IsNullOrEmpty(bounce.Recipient) ? original.To : bounce.Recipient, bounce.Reason, EmailActor, now);
        inbound.Ignored($"Bounce of {original.MessageId}: {bounce.Reason}", original.TicketId);
        return ImportResult.Bounced(email.ExternalId, original.Ticket?.Number, bounce.Reason);
    }

    private Task<ImportResult> QuarantineInPlaceAsync(InboundMessage inbound, ParsedEmail email, string reason)
    {
        inbound.Quarantined(reason, []);
        return Task.FromResult(ImportResult.Quarantined(email.ExternalId, reason));
    }

    /// <summary>Keeps what could not be imported (or only its headers, when too large), with the reason, for Administration.</summary>
    public Task<ImportResult> QuarantineAsync(byte[] raw, string source, string reason, CancellationToken ct) =>
        QuarantineAsync(raw, source, "", "", reason, ct);

    private async Task<ImportResult> QuarantineAsync(byte[] raw, string source, string from, string subject, string reason, CancellationToken ct)
    {
        var externalId = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(raw));
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.InboundMessages.AnyAsync(m => m.Channel == Channel.Email && m.ExternalId == externalId, ct))
        {
            return ImportResult.Duplicate(externalId);
        }
        var inbound = new InboundMessage(Channel.Email, externalId, source, desk.UtcNow, from, subject);
        inbound.Quarantined(reason, raw.LongLength > options.CurrentValue.MaxMessageBytes ? [] : raw);
        db.InboundMessages.Add(inbound);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (await IsDuplicateAsync(externalId, ct))
            {
                return ImportResult.Duplicate(externalId);
            }
            throw;
        }
        logger.LogWarning("Email from {Source} quarantined: {Reason}", source, reason);
        return ImportResult.Quarantined(externalId, reason);
    }

    private async Task<bool> IsDuplicateAsync(string externalId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.InboundMessages.AnyAsync(m => m.Channel == Channel.Email && m.ExternalId == externalId, ct);
    }

    private static TicketMessage ToMessage(ParsedEmail email, DateTimeOffset now)
    {
        var message = TicketMessage.Inbound(Channel.Email, now, email.MessageId, email.InReplyTo,
            email.References.Count == 0 ? null : string.Join(' ', email.References.TakeLast(20)), email.ThreadKey,
            string.IsNullOrEmpty(email.FromName) ? email.FromAddress : $"{email.FromName} <{email.FromAddress}>",
            string.Join(", ", email.To), string.Join(", ", email.Cc), email.Subject, email.Text, email.QuotedText, email.Html);
        foreach (var a in email.Attachments)
        {
            message.Attachments.Add(new Attachment(a.FileName, a.ContentType, a.Bytes, a.ContentId, a.Inline));
        }
        return message;
    }

    [GeneratedRegex(@"\[#(\d{4}-\d{6,7})\]")]
    private static partial Regex SubjectTokenPattern();
}

/// <summary>What became of one imported message.</summary>
public sealed record ImportResult(string ExternalId, ImportOutcome Outcome, string? TicketNumber, string? Reason, bool Acknowledged)
{
    public static ImportResult NewTicket(string id, string number, bool acknowledged) => new(id, ImportOutcome.NewTicket, number, null, acknowledged);
    public static ImportResult Joined(string id, string number) => new(id, ImportOutcome.Joined, number, null, false);
    public static ImportResult Duplicate(string id) => new(id, ImportOutcome.Duplicate, null, null, false);
    public static ImportResult Ignored(string id, string reason) => new(id, ImportOutcome.Ignored, null, reason, false);
    public static ImportResult Bounced(string id, string? number, string reason) => new(id, ImportOutcome.Bounced, number, reason, false);
    public static ImportResult Quarantined(string id, string reason) => new(id, ImportOutcome.Quarantined, null, reason, false);
}

public enum ImportOutcome
{
    NewTicket,
    Joined,
    Duplicate,
    Ignored,
    Bounced,
    Quarantined,
}
