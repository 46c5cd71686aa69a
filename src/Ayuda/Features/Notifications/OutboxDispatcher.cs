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
    SmtpMailSender sender,
    OutboxSignal signal,
    TimeProvider clock,
    IOptionsMonitor<EmailOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly string _owner = WorkerLeases.NewOwner();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await RunOnceAsync(stoppingToken);
                if (sent > 0)
                {
                    continue;
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
        if (!sender.IsConfigured)
        {
            return 0;
        }
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = await db.Outbox.Where(o => o.State == OutboxState.Queued && o.NextAttemptAt <= now && (o.LeaseUntil == null || o.LeaseUntil < now))
            .OrderBy(o => o.NextAttemptAt).Select(o => o.Id).Take(20).ToListAsync(cancellationToken);
        var handled = 0;
        foreach (var id in due)
        {
            var until = now + Lease;
            var claimed = await db.Outbox
                .Where(o => o.Id == id && o.State == OutboxState.Queued && (o.LeaseUntil == null || o.LeaseUntil < now))
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

    private async Task DeliverAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var outbox = await db.Outbox.Include(o => o.Ticket).FirstAsync(o => o.Id == id, cancellationToken);
        try
        {
            await sender.SendAsync(outbox, cancellationToken);
            outbox.Sent(clock.GetUtcNow());
            logger.LogInformation("Outbox {Id} sent to {To} ({MessageId})", id, outbox.To, outbox.MessageId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var now = clock.GetUtcNow();
            outbox.AttemptFailed(e.Message, SmtpMailSender.IsPermanent(e), options.CurrentValue.MaxSendAttempts, now);
            if (outbox.State == OutboxState.Failed)
            {
                outbox.Ticket?.RecordDeliveryFailure(outbox.To, e.Message, Actor.System("Email"), now);
                logger.LogWarning("Outbox {Id} to {To} failed for good after {Attempts} attempts: {Error}", id, outbox.To, outbox.Attempts, e.Message);
            }
            else
            {
                logger.LogInformation("Outbox {Id} to {To} attempt {Attempts} failed, next at {Next}: {Error}", id, outbox.To, outbox.Attempts, outbox.NextAttemptAt, e.Message);
            }
        }
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
