using Ayuda.Data;
using Ayuda.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Tests.Hosts;

/// <summary>
/// A live host keeps its mailbox: its lease never runs out, even when it polls less often than the lease lasts, so no
/// other host reads the same mailbox alongside it.
/// </summary>
public sealed class MailboxLeaseTests(MailServers mail)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_waiting_for_mail_longer_than_its_lease_keeps_the_mailbox_held()
    {
        var mailbox = await mail.CreateMailboxAsync();
        await using var app = new AyudaApp(DatabaseProvider.Sqlite).UseMail(mail, mailbox);
        app.Settings["Ayuda:Email:PollSeconds"] = "60";
        app.Settings["Ayuda:Workers:LeaseSeconds"] = "10";
        // The shortest lease allowed is twice the longest send timeout.
        app.Settings["Ayuda:Email:Smtp:TimeoutSeconds"] = "5";
        app.Settings["Ayuda:WhatsApp:TimeoutSeconds"] = "5";
        _ = app.Services;

        var first = await Eventually.Async(() => LeaseAsync(app), l => l is not null, "the mailbox held");
        // Watch it for more than two lease lengths while the host waits for mail (IDLE): it must be renewed before it runs out.
        var watchUntil = DateTimeOffset.UtcNow.AddSeconds(22);
        while (DateTimeOffset.UtcNow < watchUntil)
        {
            var lease = await LeaseAsync(app);
            Assert.NotNull(lease);
            Assert.Equal(first!.Owner, lease.Owner);
            Assert.True(lease.Until > DateTimeOffset.UtcNow, $"The lease ran out at {lease.Until:O} while its host was alive");
            await Task.Delay(250, Ct);
        }
    }

    private static async Task<WorkerLease?> LeaseAsync(AyudaApp app)
    {
        await using var db = await app.DbAsync();
        return await db.WorkerLeases.AsNoTracking().FirstOrDefaultAsync(l => l.Name == "imap:Mesa", Ct);
    }
}
