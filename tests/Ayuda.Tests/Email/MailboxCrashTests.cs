using System.Net;
using Ayuda.Data;
using Ayuda.Features.Channels;
using Ayuda.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Ayuda.Tests.Email;

/// <summary>A host that dies halfway through a full inbox loses nothing and imports nothing twice: the next host finishes the batch.</summary>
public abstract class MailboxCrashTests(MailServers mail, DatabaseProvider provider, PostgresServer? postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_mail_is_imported_exactly_once_when_the_host_dies_in_the_middle_of_a_batch()
    {
        var mailbox = await mail.CreateMailboxAsync();
        var letters = Enumerable.Range(1, 20).Select(i => Letters.Mail(Letters.NewSender(), mailbox.Address, $"Pedido {i:D2}")).ToList();
        foreach (var letter in letters)
        {
            // A scanned invoice each, so that importing the batch takes a while.
            letter.Body = new Multipart("mixed")
            {
                letter.Body!,
                new MimePart("application", "pdf") { FileName = "factura.pdf", Content = new MimeContent(new MemoryStream(Pdf())) },
            };
            await mail.DeliverAsync(mailbox, Letters.Bytes(letter));
        }

        var first = new AyudaApp(provider, postgres).UseMail(mail, mailbox);
        AyudaApp second;
        int importedByFirst;
        try
        {
            _ = first.Services; // starts the host, and with it the poller
            importedByFirst = await Eventually.Async(() => InboundCountAsync(first), n => n >= 3, "three mails imported by the first host", everyMilliseconds: 20);
        }
        finally
        {
            second = new AyudaApp(first);
            await first.DisposeAsync();
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"The first host had imported {importedByFirst} of 20 when it was stopped.");

        await using (second)
        {
            _ = second.Services;
            // A dead host's hold on the mailbox runs out after two minutes; let it have run out already.
            await using (var db = await second.DbAsync())
            {
                await db.WorkerLeases.ExecuteUpdateAsync(s => s.SetProperty(l => l.Until, DateTimeOffset.UtcNow.AddMinutes(-1)), Ct);
            }
            await Eventually.Async(() => mail.FolderMessageIdsAsync(mailbox, "INBOX"), ids => ids.Count == 0, "the inbox emptied by the second host", seconds: 30);

            var ids = letters.Select(l => l.MessageId).Order().ToList();
            Assert.Equal(ids, (await mail.FolderMessageIdsAsync(mailbox, "Processed")).Order());
            await using (var db = await second.DbAsync())
            {
                var inbound = await db.InboundMessages.AsNoTracking().ToListAsync(Ct);
                Assert.Equal(ids, inbound.Select(m => m.ExternalId).Order());
                Assert.All(inbound, m => Assert.Equal(InboundOutcome.Imported, m.Outcome));
            }
            var admin = await second.AdminClientAsync();
            var tickets = await Api.Json(await admin.GetAsync("/api/v1/tickets?channel=email&limit=200", Ct), HttpStatusCode.OK);
            Assert.Equal(letters.Select(l => l.Subject).Order(), tickets.Items().Select(t => t.Str("subject")).Order());
            foreach (var ticket in tickets.Items())
            {
                var timeline = await Api.Json(await admin.GetAsync($"/api/v1/tickets/{ticket.Str("number")}/timeline", Ct), HttpStatusCode.OK);
                Assert.Single(timeline.EnumerateArray(), e => e.Str("kind") == "messageIn");
            }
        }
    }

    private static async Task<int> InboundCountAsync(AyudaApp app)
    {
        await using var db = await app.DbAsync();
        return await db.InboundMessages.CountAsync(Ct);
    }

    private static byte[] Pdf()
    {
        var bytes = new byte[400_000];
        Random.Shared.NextBytes(bytes);
        "%PDF-1.4\n"u8.CopyTo(bytes);
        return bytes;
    }
}

public sealed class MailboxCrashOnSqlite(MailServers mail) : MailboxCrashTests(mail, DatabaseProvider.Sqlite, null);

public sealed class MailboxCrashOnPostgres(MailServers mail, PostgresServer postgres) : MailboxCrashTests(mail, DatabaseProvider.Postgres, postgres);
