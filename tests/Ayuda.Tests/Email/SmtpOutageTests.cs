using Ayuda.Features.Notifications;
using Ayuda.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Tests.Email;

/// <summary>While the mail server is down nothing is lost: acknowledgements wait in the outbox and go out once, when it is back.</summary>
[Collection(MailServers.Exclusive)]
public sealed class SmtpOutageTests(SqliteMailDesk desk) : IClassFixture<SqliteMailDesk>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Acknowledgements_written_while_the_mail_server_is_down_arrive_exactly_once_when_it_is_back()
    {
        string[] senders = [Letters.NewSender(), Letters.NewSender(), Letters.NewSender()];
        List<string> numbers;
        await desk.Mail.StopSmtpAsync();
        try
        {
            foreach (var sender in senders)
            {
                await desk.DeliverAsync(Letters.Mail(sender, desk.Address, "Pedido durante el corte"));
            }
            // Each acknowledgement was tried, failed, and waits for its next attempt.
            await Eventually.Async(() => OutboxAsync(senders), rows => rows.Count == 3 && rows.All(r => r.Attempts >= 1),
                "three acknowledgements tried once and failed");
            numbers = [.. (await Task.WhenAll(senders.Select(desk.TicketsFromAsync))).Select(t => Assert.Single(t).Str("number"))];
        }
        finally
        {
            await desk.Mail.StartSmtpAsync();
        }

        var queued = await OutboxAsync(senders);
        Assert.All(queued, r => Assert.Equal(OutboxState.Queued, r.State));
        foreach (var number in numbers)
        {
            Assert.DoesNotContain(await desk.TimelineAsync(number), e => e.Str("kind") == "deliveryFailed");
        }
        foreach (var sender in senders)
        {
            Assert.Empty(await desk.SentToAsync(sender));
        }

        // The first retry comes 30 s after the failed attempt.
        await Eventually.Async(() => OutboxAsync(senders), rows => rows.All(r => r.State == OutboxState.Sent), "all three sent", seconds: 60);
        foreach (var (sender, number) in senders.Zip(numbers))
        {
            var ack = Assert.Single(await desk.SentToAsync(sender));
            Assert.Equal(number, MailDesk.NumberIn(ack.Subject));
            Assert.Equal(queued.Single(r => r.To == sender).MessageId, ack.MessageId);
        }
    }

    private async Task<List<OutboxMessage>> OutboxAsync(string[] senders)
    {
        await using var db = await desk.App.DbAsync();
        var rows = await db.Outbox.AsNoTracking().Where(o => senders.Contains(o.To)).ToListAsync(Ct);
        return [.. rows.OrderBy(r => Array.IndexOf(senders, r.To))];
    }
}
