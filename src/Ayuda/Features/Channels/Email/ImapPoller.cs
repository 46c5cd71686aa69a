using System.Collections.Concurrent;
using Ayuda.Data;
using Ayuda.Features.Notifications;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Channels.Email;

/// <summary>
/// Reads each configured mailbox: imports every message in its folder and moves it to the processed folder only after
/// the import is committed (a crash in between means the message is imported again, which dedupe makes harmless).
/// Waits with IDLE where the server offers it, else polls. One host holds each mailbox at a time (a lease in the
/// database). Never stops: errors are logged, shown in the mailbox status, and retried with growing pauses.
/// </summary>
public sealed class ImapPoller(
    IDbContextFactory<AyudaDb> contexts,
    EmailImporter importer,
    MailboxStatuses statuses,
    TimeProvider clock,
    IOptionsMonitor<EmailOptions> options,
    IOptionsMonitor<WorkerOptions> workers,
    ILogger<ImapPoller> logger) : BackgroundService
{
    private const int MoveBatch = 50;
    private readonly string _owner = WorkerLeases.NewOwner();

    /// <summary>
    /// Watches every enabled mailbox, and follows the settings: a mailbox added, changed or removed on the settings page
    /// is started, restarted or let go without restarting the host.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new Dictionary<string, Watcher>(StringComparer.OrdinalIgnoreCase);
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var subscription = options.OnChange(_ => changed.TrySetResult());
            var wanted = options.CurrentValue.Mailboxes
                .Where(m => m.Enabled && !string.IsNullOrWhiteSpace(m.Host))
                .GroupBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            foreach (var (name, watcher) in running.ToList())
            {
                if (!wanted.TryGetValue(name, out var mailbox) || watcher.Fingerprint != Fingerprint(mailbox))
                {
                    logger.LogInformation("Mailbox {Mailbox}: settings changed, letting it go", name);
                    await watcher.StopAsync();
                    running.Remove(name);
                }
            }
            foreach (var (name, mailbox) in wanted.Where(w => !running.ContainsKey(w.Key)))
            {
                var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                running[name] = new Watcher(Fingerprint(mailbox), stop, WatchAsync(mailbox, stop.Token));
            }
            try
            {
                await changed.Task.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await Task.WhenAll(running.Values.Select(w => w.StopAsync()));
    }

    private static string Fingerprint(MailboxSettings mailbox) => System.Text.Json.JsonSerializer.Serialize(mailbox);

    private sealed record Watcher(string Fingerprint, CancellationTokenSource Stop, Task Task)
    {
        public async Task StopAsync()
        {
            await Stop.CancelAsync();
            await Task;
            Stop.Dispose();
        }
    }

    private async Task WatchAsync(MailboxSettings mailbox, CancellationToken stoppingToken)
    {
        var name = mailbox.DisplayName;
        var pause = TimeSpan.FromSeconds(5);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await HoldLeaseAsync(name, stoppingToken))
                {
                    await SessionAsync(mailbox, name, stoppingToken);
                    pause = TimeSpan.FromSeconds(5);
                }
                await Task.Delay(TimeSpan.FromSeconds(options.CurrentValue.PollSeconds), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                await ReleaseLeaseAsync(name);
                return;
            }
            catch (Exception e)
            {
                statuses.Failed(name, e.Message, clock.GetUtcNow());
                logger.LogWarning(e, "Mailbox {Mailbox}: {Error}; trying again in {Pause}", name, e.Message, pause);
                try
                {
                    await Task.Delay(pause, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    await ReleaseLeaseAsync(name);
                    return;
                }
                pause = TimeSpan.FromSeconds(Math.Min(300, pause.TotalSeconds * 2));
            }
        }
    }

    /// <summary>One connection: import what is there, then wait for more (IDLE) while the lease is ours.</summary>
    private async Task SessionAsync(MailboxSettings mailbox, string name, CancellationToken ct)
    {
        using var client = new ImapClient { Timeout = 60_000 };
        await ConnectAsync(client, mailbox, ct);
        var folder = string.Equals(mailbox.Folder, "INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(mailbox.Folder, ct);
        var processed = await ProcessedFolderAsync(client, mailbox, ct);
        await folder.OpenAsync(FolderAccess.ReadWrite, ct);
        for (var rounds = 0; rounds < 20 && !ct.IsCancellationRequested; rounds++)
        {
            // Renewed before every round: the IDLE wait before it may have let the lease run out and another host in.
            if (rounds > 0 && !await HoldLeaseAsync(name, ct))
            {
                break;
            }
            var (imported, left) = await ImportAllAsync(folder, processed, name, ct);
            statuses.Succeeded(name, imported, clock.GetUtcNow());
            if (!await HoldLeaseAsync(name, ct))
            {
                break;
            }
            // Mail that arrived while this round ran was announced in the replies to its commands, before anyone listened
            // for it: IDLE would not announce it again, and it would wait for the next wake-up. Read it now instead.
            if (folder.Count > left)
            {
                continue;
            }
            if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
            {
                break;
            }
            // Woken well before the lease runs out (a third of it), so the mailbox never goes unheld while this host lives.
            var wait = Math.Min(Math.Min(options.CurrentValue.PollSeconds, 540), workers.CurrentValue.LeaseSeconds / 3.0);
            using var arrived = new CancellationTokenSource(TimeSpan.FromSeconds(wait));
            void OnCountChanged(object? sender, EventArgs e) => arrived.Cancel();
            folder.CountChanged += OnCountChanged;
            try
            {
                await client.IdleAsync(arrived.Token, ct);
            }
            finally
            {
                folder.CountChanged -= OnCountChanged;
            }
        }
        await client.DisconnectAsync(true, CancellationToken.None);
    }

    /// <summary>Imports the folder's messages; returns how many, and how many of them are still in the folder (not moved).</summary>
    private async Task<(int Imported, int Left)> ImportAllAsync(IMailFolder folder, IMailFolder processed, string name, CancellationToken ct)
    {
        var uids = await folder.SearchAsync(SearchQuery.NotDeleted, ct);
        if (uids.Count == 0)
        {
            return (0, 0);
        }
        var sizes = (await folder.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, ct))
            .ToDictionary(s => s.UniqueId, s => (long?)s.Size);
        var imported = 0;
        var moved = 0;
        var done = new List<UniqueId>();
        var renewed = clock.GetUtcNow();
        try
        {
            foreach (var uid in uids)
            {
                ct.ThrowIfCancellationRequested();
                // A long batch renews the lease as it goes (every third of it); once another host holds the mailbox, stop.
                if (clock.GetUtcNow() - renewed >= workers.CurrentValue.Lease / 3)
                {
                    if (!await HoldLeaseAsync(name, ct))
                    {
                        logger.LogWarning("Mailbox {Mailbox}: another host took it over in the middle of a batch; leaving the rest to it", name);
                        break;
                    }
                    renewed = clock.GetUtcNow();
                }
                if (sizes.GetValueOrDefault(uid) is { } size && size > options.CurrentValue.MaxMessageBytes)
                {
                    // Too large to download: keep its headers with the reason, so nothing disappears silently.
                    var headers = await folder.GetHeadersAsync(uid, ct);
                    using var buffer = new MemoryStream();
                    headers.WriteTo(buffer);
                    await importer.QuarantineAsync(buffer.ToArray(), $"imap:{name}",
                        $"The message is {size:N0} bytes; the limit is {options.CurrentValue.MaxMessageBytes:N0}.", ct);
                }
                else
                {
                    await using var stream = await folder.GetStreamAsync(uid, ct);
                    using var buffer = new MemoryStream();
                    await stream.CopyToAsync(buffer, ct);
                    await importer.ImportSafelyAsync(buffer.ToArray(), $"imap:{name}", ct);
                }
                done.Add(uid);
                imported++;
                if (done.Count >= MoveBatch)
                {
                    await folder.MoveToAsync(done, processed, ct);
                    moved += done.Count;
                    done.Clear();
                }
            }
        }
        finally
        {
            // Only messages whose import is committed leave the folder, a batch at a time (one MOVE per message is slow
            // on large folders); if the host dies first they are imported again, and dedupe makes that harmless.
            if (done.Count > 0 && folder.IsOpen)
            {
                try
                {
                    await folder.MoveToAsync(done, processed, CancellationToken.None);
                    moved += done.Count;
                }
                catch (Exception e) when (e is IOException or MailKit.ServiceNotConnectedException or MailKit.Net.Imap.ImapProtocolException or MailKit.Net.Imap.ImapCommandException)
                {
                    logger.LogInformation("Mailbox {Mailbox}: {Count} imported messages stay in the folder until the next round ({Error})", name, done.Count, e.Message);
                }
            }
        }
        return (imported, uids.Count - moved);
    }

    private static async Task<IMailFolder> ProcessedFolderAsync(ImapClient client, MailboxSettings mailbox, CancellationToken ct)
    {
        try
        {
            return await client.GetFolderAsync(mailbox.ProcessedFolder, ct);
        }
        catch (FolderNotFoundException)
        {
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            return await root.CreateAsync(mailbox.ProcessedFolder, true, ct)
                ?? throw new InvalidOperationException($"The folder '{mailbox.ProcessedFolder}' could not be created.");
        }
    }

    public static async Task ConnectAsync(ImapClient client, MailboxSettings mailbox, CancellationToken ct)
    {
        await client.ConnectAsync(mailbox.Host, mailbox.Port, MailSecurityOptions.For(mailbox.Security, mailbox.Port), ct);
        await client.AuthenticateAsync(mailbox.User, mailbox.Password, ct);
    }

    /// <summary>On a normal stop the mailbox is let go at once, so the next host (or this one restarted) reads it without waiting.</summary>
    private async Task ReleaseLeaseAsync(string name)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            var now = clock.GetUtcNow();
            await db.WorkerLeases.Where(l => l.Name == $"imap:{name}" && l.Owner == _owner)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Until, now), CancellationToken.None);
        }
        catch (Exception e) when (e is InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException)
        {
            logger.LogInformation("Mailbox {Mailbox}: the lease could not be released ({Error}); it runs out by itself", name, e.Message);
        }
    }

    private async Task<bool> HoldLeaseAsync(string name, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await WorkerLeases.TryAcquireAsync(db, $"imap:{name}", _owner, clock.GetUtcNow(), workers.CurrentValue.Lease, ct);
    }
}

/// <summary>How each mailbox is doing, for the settings page: last good round, last error.</summary>
public sealed class MailboxStatuses
{
    private readonly ConcurrentDictionary<string, MailboxStatus> _statuses = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, MailboxStatus> All => _statuses;

    public void Succeeded(string name, int imported, DateTimeOffset at) =>
        _statuses.AddOrUpdate(name, _ => new MailboxStatus(at, imported, null, null),
            (_, s) => s with { LastSuccess = at, LastImported = imported, LastError = null });

    public void Failed(string name, string error, DateTimeOffset at) =>
        _statuses.AddOrUpdate(name, _ => new MailboxStatus(null, 0, error, at), (_, s) => s with { LastError = error, LastErrorAt = at });
}

public sealed record MailboxStatus(DateTimeOffset? LastSuccess, int LastImported, string? LastError, DateTimeOffset? LastErrorAt);
