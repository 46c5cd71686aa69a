using Ayuda.Data;
using Ayuda.Features.Channels.Email;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Notifications;

/// <summary>
/// Delivers the outbox. Each round claims due rows with a lease (so several hosts never send the same row at once),
/// sends them, and records the outcome: sent, or a failed attempt retried later with a growing delay, or failed for
/// good (shown on the ticket). Never stops: an error in a round is logged and the next round comes.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<AyudaDb> contexts,
    IEnumerable<IOutboxChannel> channels,
    OutboxSignal signal,
    TimeProvider clock,
    IOptionsMonitor<EmailOptions> options,
    IOptionsMonitor<OutboxOptions> outboxOptions,
    IOptionsMonitor<WorkerOptions> workers,
    Closing.ClosingFollowUp closing,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly string _owner = WorkerLeases.NewOwner();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var swept = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await RunOnceAsync(stoppingToken);
                if (sent > 0)
                {
                    continue;
                }
                if (clock.GetUtcNow() - swept >= TimeSpan.FromMinutes(1))
                {
                    swept = clock.GetUtcNow();
                    await closing.SweepAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Outbox round failed; trying again shortly");
            }
            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(options.CurrentValue.OutboxSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: claim what is due, send it, record it. Returns how many rows were handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        // Rows of a channel with nothing configured wait (an email desk without SMTP yet, a desk without WhatsApp).
        var ready = channels.Where(c => c.IsConfigured).Select(c => c.Channel).ToList();
        if (ready.Count == 0)
        {
            return 0;
        }
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = await db.Outbox.Where(o => o.State == OutboxState.Queued && o.NextAttemptAt <= now && (o.LeaseUntil == null || o.LeaseUntil < now) && ready.Contains(o.Channel))
            .OrderBy(o => o.NextAttemptAt).Select(o => o.Id).Take(20).ToListAsync(cancellationToken);
        var handled = 0;
        foreach (var id in due)
        {
            // The clock is read per claim: a round of slow sends must not hand out leases that are already over.
            var claimedAt = clock.GetUtcNow();
            var until = claimedAt + workers.CurrentValue.Lease;
            var claimed = await db.Outbox
                .Where(o => o.Id == id && o.State == OutboxState.Queued && (o.LeaseUntil == null || o.LeaseUntil < claimedAt))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseOwner, _owner).SetProperty(o => o.LeaseUntil, until), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }
            await DeliverAsync(id, cancellationToken);
            handled++;
        }
        return handled;
    }

    /// <summary>Every third of the lease, pushes this host's claim on the row forward until <paramref name="sending"/> is cancelled.</summary>
    private async Task RenewWhileSendingAsync(long id, CancellationToken sending)
    {
        while (true)
        {
            var lease = workers.CurrentValue.Lease;
            try
            {
                await Task.Delay(lease / 3, clock, sending);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
                var until = clock.GetUtcNow() + lease;
                var renewed = await db.Outbox.Where(o => o.Id == id && o.LeaseOwner == _owner && o.State == OutboxState.Queued)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseUntil, until), CancellationToken.None);
                if (renewed == 0)
                {
                    logger.LogWarning("Outbox {Id}: the claim could not be renewed during a slow send (no longer held by this host)", id);
                    return;
                }
                logger.LogDebug("Outbox {Id}: claim renewed until {Until} while sending", id, until);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or DbUpdateException or InvalidOperationException or TimeoutException)
            {
                logger.LogWarning(e, "Outbox {Id}: renewing the claim during a slow send failed; trying again", id);
            }
        }
    }

    private async Task DeliverAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var outbox = await db.Outbox.Include(o => o.Ticket).FirstAsync(o => o.Id == id, cancellationToken);
        var channel = channels.First(c => c.Channel == outbox.Channel);
        if (closing.WithdrawReason(outbox) is { } withdrawn)
        {
            outbox.Withdraw(withdrawn);
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogInformation("Outbox {Id} withdrawn: {Reason}", id, withdrawn);
            return;
        }
        string? providerId;
        // The claim is renewed while the send runs: a slow server must not let another host claim and send it again.
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewWhileSendingAsync(id, sending.Token);
        try
        {
            try
            {
                providerId = await channel.SendAsync(outbox, cancellationToken);
            }
            finally
            {
                await sending.CancelAsync();
                await renewing;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var failure = channel.Classify(e);
            if (failure.Waiting)
            {
                // Nothing this message can fix (a revoked token): it waits, without using up its attempts.
                outbox.Wait(failure.Reason, now + TimeSpan.FromMinutes(5));
                logger.LogWarning("Outbox {Id} to {To} waits: {Error}", id, outbox.To, failure.Reason);
            }
            else
            {
                outbox.AttemptFailed(failure.Reason, failure.Permanent, options.CurrentValue.MaxSendAttempts, now, TimeSpan.FromSeconds(outboxOptions.CurrentValue.RetrySeconds));
            }
            IReadOnlyCollection<string> told = [];
            if (outbox.State == OutboxState.Failed)
            {
                outbox.Ticket?.RecordDeliveryFailure(outbox.To, failure.Reason, Actor.System(outbox.Channel.ToString()), now);
                told = closing.Failed(db, outbox, failure.Reason, now);
                logger.LogWarning("Outbox {Id} to {To} failed for good after {Attempts} attempts: {Error}", id, outbox.To, outbox.Attempts, failure.Reason);
            }
            else if (!failure.Waiting)
            {
                logger.LogInformation("Outbox {Id} to {To} attempt {Attempts} failed, next at {Next}: {Error}", id, outbox.To, outbox.Attempts, outbox.NextAttemptAt, failure.Reason);
            }
            await db.SaveChangesAsync(CancellationToken.None);
            closing.Announce(told);
            return;
        }
        // Sent: from here on nothing may cancel recording it, or it would be sent again.
        outbox.Sent(clock.GetUtcNow(), providerId);
        await db.SaveChangesAsync(CancellationToken.None);
        try
        {
            await closing.SentAsync(outbox, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The message is out and recorded; the ticket can still be closed by hand.
            logger.LogError(e, "Outbox {Id} was sent but what follows it failed", id);
        }
        if (providerId is not null)
        {
            // The customer's answer may quote this message by the provider's id: the ticket message carries it too.
            await db.TicketMessages.Where(m => m.OutboxMessageId == outbox.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.MessageId, providerId), CancellationToken.None);
        }
        logger.LogInformation("Outbox {Id} sent by {Channel} to {To} ({MessageId})", id, outbox.Channel, outbox.To, providerId ?? outbox.MessageId);
        try
        {
            await channel.SucceededAsync(outbox, CancellationToken.None);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            logger.LogWarning(e, "Outbox {Id}: clearing the channel's alerts failed", id);
        }
    }
}

/// <summary>
/// Ayuda:Workers:LeaseSeconds must outlast a send comfortably (at least twice the SMTP and WhatsApp timeouts), or a
/// claim could run out during one send between two renewals. Read from configuration: these timeouts are not edited
/// from the UI.
/// </summary>
internal sealed class LeaseOutlastsSends(IConfiguration configuration) : Microsoft.Extensions.Options.IValidateOptions<WorkerOptions>
{
    private const string SmtpTimeout = $"{EmailOptions.Section}:Smtp:{nameof(SmtpSettings.TimeoutSeconds)}";
    private const string WhatsAppTimeout = $"{Channels.WhatsApp.WhatsAppOptions.Section}:{nameof(Channels.WhatsApp.WhatsAppOptions.TimeoutSeconds)}";
    private const string Lease = $"{WorkerOptions.Section}:{nameof(WorkerOptions.LeaseSeconds)}";

    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var smtp = configuration.GetValue(SmtpTimeout, new SmtpSettings().TimeoutSeconds);
        var whatsApp = configuration.GetValue(WhatsAppTimeout, new Channels.WhatsApp.WhatsAppOptions().TimeoutSeconds);
        var (setting, timeout) = smtp >= whatsApp ? (SmtpTimeout, smtp) : (WhatsAppTimeout, whatsApp);
        return options.LeaseSeconds >= 2 * timeout
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{Lease} is {options.LeaseSeconds} s but {setting} is {timeout} s: the lease must be at least twice the send timeout " +
                $"({2 * timeout} s or more), or another host could claim a mail while it is still being sent and send it twice. " +
                $"Raise {Lease} or lower {setting}.");
    }
}

/// <summary>Settings under <c>Ayuda:Outbox</c>, for every channel.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Ayuda:Outbox";

    /// <summary>The first wait after a failed attempt; it doubles each time, at most an hour.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3600)]
    public int RetrySeconds { get; set; } = 30;
}
