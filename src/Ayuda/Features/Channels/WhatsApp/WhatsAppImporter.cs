using System.Text.Json;
using Ayuda.Data;
using Ayuda.Features.Customers;
using Ayuda.Features.Intake;
using Ayuda.Features.Notifications;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Channels.WhatsApp;

/// <summary>
/// Makes the stored WhatsApp messages into tickets, oldest first, one host at a time (a lease): downloads their media
/// through the Graph API, identifies the sender by number through the Intake door, and joins the sender's open
/// WhatsApp ticket within the join window (or the ticket of the message they answer or react to), else opens one.
/// A media server that fails is tried again later; after five tries the message goes in with a note instead.
/// </summary>
public sealed class WhatsAppImporter(
    IDbContextFactory<AyudaDb> contexts,
    WhatsAppMessageReader reader,
    GraphApi graph,
    ReceiveContact intake,
    WhatsAppComposer composer,
    RegularisationNotice regularisation,
    WhatsAppSignal signal,
    OutboxSignal outboxSignal,
    ChannelAlerts alerts,
    IOptionsMonitor<WhatsAppOptions> options,
    IOptionsMonitor<WorkerOptions> workers,
    TimeProvider clock,
    IStringLocalizer<Strings> l,
    ILogger<WhatsAppImporter> logger) : BackgroundService
{
    private const int MaxMediaAttempts = 5;
    private static readonly Actor WhatsAppActor = Actor.System("WhatsApp");
    private readonly string _owner = WorkerLeases.NewOwner();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) > 0)
                {
                    continue;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "WhatsApp import round failed; trying again shortly");
            }
            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: the due messages in arrival order. Returns how many were handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var due = await db.InboundMessages.Where(m => m.Outcome == InboundOutcome.Received && m.Channel == Channel.WhatsApp && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id).Select(m => m.Id).Take(20).ToListAsync(cancellationToken);
        if (due.Count == 0 || !await WorkerLeases.TryAcquireAsync(db, "whatsapp-inbox", _owner, now, workers.CurrentValue.Lease, cancellationToken))
        {
            return 0;
        }
        foreach (var id in due)
        {
            // The lease is renewed per message: a round slowed by downloads must not let another host in.
            if (!await WorkerLeases.TryAcquireAsync(db, "whatsapp-inbox", _owner, clock.GetUtcNow(), workers.CurrentValue.Lease, cancellationToken))
            {
                break;
            }
            try
            {
                await ImportAsync(id, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Never block the channel: this message waits and is tried again; the next ones go on.
                logger.LogError(e, "WhatsApp message {Id} could not be imported; it is tried again later", id);
                await using var retry = await contexts.CreateDbContextAsync(CancellationToken.None);
                var row = await retry.InboundMessages.FirstAsync(m => m.Id == id, CancellationToken.None);
                row.AttemptFailed(e.Message, clock.GetUtcNow());
                await retry.SaveChangesAsync(CancellationToken.None);
            }
        }
        return due.Count;
    }

    private async Task ImportAsync(long id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var inbound = await db.InboundMessages.FirstAsync(m => m.Id == id, ct);
        if (inbound.Outcome != InboundOutcome.Received)
        {
            return;
        }
        using var raw = JsonDocument.Parse(inbound.Raw ?? "{}"u8.ToArray());
        var phoneNumberId = WhatsAppMessageReader.Str(raw.RootElement, "phoneNumberId") ?? "";
        var profileName = WhatsAppMessageReader.Str(raw.RootElement, "profileName");
        var read = reader.Read(raw.RootElement.GetProperty("message"));
        var text = read.Text;

        // Media first, outside the transaction: a slow or failing media server must not hold the database.
        Attachment? file = null;
        if (read.Media is { } media)
        {
            var number = options.CurrentValue.Number(phoneNumberId);
            try
            {
                if (number is null)
                {
                    throw new InvalidOperationException(l["WhatsApp.NumberGone", phoneNumberId]);
                }
                var (bytes, mime) = await graph.DownloadMediaAsync(number, media.Id, ct);
                var (name, type) = SafeFile(media.FileName, mime, bytes);
                file = new Attachment(name, type, bytes, null, false);
            }
            catch (GraphApiException e) when (e.IsTokenProblem)
            {
                // The media is there for weeks; a revoked token is fixed sooner. Wait without using up attempts.
                await alerts.RaiseAsync(Channel.WhatsApp, phoneNumberId, WhatsAppSender.TokenCode, l["WhatsApp.TokenRejected", phoneNumberId, e.Message], CancellationToken.None);
                inbound.Wait(e.Message, clock.GetUtcNow() + TimeSpan.FromMinutes(5));
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (Exception e) when (e is GraphApiException { IsTransient: true } or HttpRequestException && inbound.Attempts + 1 < MaxMediaAttempts)
            {
                inbound.AttemptFailed(e.Message, clock.GetUtcNow());
                await db.SaveChangesAsync(ct);
                logger.LogInformation("WhatsApp media {MediaId} not downloaded yet ({Error}); trying again at {Next}", media.Id, e.Message, inbound.NextAttemptAt);
                return;
            }
            catch (Exception e) when (e is GraphApiException or HttpRequestException or MediaTooLargeException or InvalidOperationException)
            {
                text = $"{text}\n{l["WhatsApp.Msg.MediaMissing", e.Message]}";
                logger.LogWarning("WhatsApp media {MediaId} could not be downloaded: {Error}; the message goes in without it", media.Id, e.Message);
            }
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var from = inbound.From;
        var subject = Subject(read, text);
        var message = TicketMessage.Inbound(Channel.WhatsApp, inbound.ReceivedAt, inbound.ExternalId, read.Context, null, null,
            from, options.CurrentValue.Number(phoneNumberId)?.DisplayNumber ?? phoneNumberId, "", subject, text, "", null);
        if (file is not null)
        {
            message.Attachments.Add(file);
        }

        if (read.ReactionTo is { } target)
        {
            var reacted = await TicketOfMessageAsync(db, target, ct);
            if (reacted is null || reacted.State == TicketState.Closed)
            {
                inbound.Ignored($"Reaction to a message that is not on an open ticket ({target}).", reacted?.Id);
            }
            else
            {
                // A reaction is kept on the ticket but is not the customer answering: a ticket waiting on them stays waiting.
                reacted.ReceiveMessage(message, WhatsAppActor, now, fromAPerson: false);
                inbound.Imported(reacted);
            }
        }
        else if (await OpenTicketAsync(db, from, read.Context, now, ct) is { } open)
        {
            open.ReceiveMessage(message, WhatsAppActor, now);
            inbound.Imported(open);
        }
        else
        {
            var created = await OpenAsync(db, from, profileName, subject, text, inbound.ReceivedAt, ct);
            created.ReceiveMessage(message, WhatsAppActor, now);
            if (options.CurrentValue.AcknowledgeNewTickets)
            {
                // Saved first (still inside the transaction) so the customer's message opens the 24-hour window.
                await db.SaveChangesAsync(ct);
                var values = await TemplateValues.ForAsync(db, created, options.CurrentValue.Numbers.FirstOrDefault()?.Name ?? "", ct);
                // The customer just wrote, so the window is open: the answer goes as text (or its template). A customer
                // without an agreement in force is told the case went to the Project Manager instead.
                var (kind, answer) = created.State == TicketState.Regularisation
                    ? (OutboxKind.Regularisation, (await regularisation.TextAsync(db, created, await CustomerRecipient.LanguageAsync(db, created, ct), ct)).Text)
                    : (OutboxKind.Acknowledgement, l["WhatsApp.Ack", created.Number].Value);
                await composer.ComposeAsync(db, created, kind, from, answer, values, WhatsAppActor, now, ct);
            }
            inbound.Imported(created);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        outboxSignal.Notify();
        logger.LogInformation("WhatsApp message {Wamid} ({Type}) from {From}: {Outcome} {Ticket}", inbound.ExternalId, read.Type, from, inbound.Outcome, inbound.Ticket?.Number);
    }

    private static async Task<Ticket?> TicketOfMessageAsync(AyudaDb db, string messageId, CancellationToken ct)
    {
        var ticketId = await db.TicketMessages.Where(m => m.MessageId == messageId).Select(m => (long?)m.TicketId).FirstOrDefaultAsync(ct);
        return ticketId is { } id ? await db.Tickets.FirstAsync(t => t.Id == id, ct) : null;
    }

    /// <summary>The ticket of the message they answer, else their open WhatsApp ticket active within the join window.</summary>
    private async Task<Ticket?> OpenTicketAsync(AyudaDb db, string from, string? context, DateTimeOffset now, CancellationToken ct)
    {
        if (context is not null && await TicketOfMessageAsync(db, context, ct) is { State: not TicketState.Closed } answered)
        {
            return answered;
        }
        var since = now.AddHours(-options.CurrentValue.JoinWindowHours);
        return await db.Tickets
            .Where(t => t.Channel == Channel.WhatsApp && t.From == from && t.State != TicketState.Closed
                && db.TicketMessages.Any(m => m.TicketId == t.Id && m.At >= since))
            .OrderByDescending(t => t.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// A new ticket through the Intake door. WhatsApp gives Argentine mobiles as 549…; a contact typed without the 9
    /// (+54 11 …) is still recognised.
    /// </summary>
    private async Task<Ticket> OpenAsync(AyudaDb db, string from, string? profileName, string subject, string text, DateTimeOffset at, CancellationToken ct)
    {
        int? customerId = null, contactId = null;
        if (await IdentifySender.FromAddressAsync(db, from, ct) is null && from.StartsWith("+549", StringComparison.Ordinal)
            && await IdentifySender.FromAddressAsync(db, "+54" + from[4..], ct) is { } without9)
        {
            (customerId, contactId) = (without9.CustomerId, without9.ContactId);
        }
        var description = string.IsNullOrWhiteSpace(profileName) ? text : $"{text}\n\n— {profileName}";
        var opened = await intake.OpenAsync(db, new IntakeRequest(Channel.WhatsApp, subject,
            description.Length > Ticket.MaxDescriptionLength ? description[..Ticket.MaxDescriptionLength] : description,
            customerId, contactId, From: from, ContactedAt: at), WhatsAppActor, ct);
        return opened.Value ?? throw new InvalidOperationException(string.Join(" ", opened.Messages));
    }

    private static string Subject(ReadMessage read, string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"[{read.Type}]";
        return line.Length > 80 ? line[..80] + "…" : line;
    }

    private static (string Name, string Type) SafeFile(string fileName, string mime, byte[] bytes) =>
        (Email.SafeFileNames.From(fileName, mime.Split(";")[0].Trim()), Email.ContentSniffer.TypeOf(bytes, mime.Split(";")[0].Trim()));
}
