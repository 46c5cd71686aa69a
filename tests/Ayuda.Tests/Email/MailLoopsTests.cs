using Ayuda.Features.Notifications;
using Ayuda.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Tests.Email;

/// <summary>
/// Machines never get an answer and never open tickets: auto-replies, mailer daemons, the desk's own mail. A customer
/// who writes a lot gets a few acknowledgements an hour, not one per mail. A bounce marks the mail that failed.
/// </summary>
public abstract class MailLoopsTests(MailDesk desk)
{
    [Theory]
    [InlineData("cliente", "Auto-Submitted", "auto-replied")]
    [InlineData("cliente", "Precedence", "bulk")]
    [InlineData("cliente", "X-Autoreply", "yes")]
    [InlineData("MAILER-DAEMON", null, null)]
    [InlineData("no-reply", null, null)]
    public async Task Automatic_mail_opens_no_ticket_and_gets_no_acknowledgement(string local, string? header, string? value)
    {
        var sender = Letters.NewSender(local);
        var autoReply = Letters.Mail(sender, desk.Address, "Fuera de la oficina: vuelvo el lunes", "Estoy de vacaciones hasta el lunes.");
        if (header is not null)
        {
            autoReply.Headers.Add(header, value!);
        }

        await desk.DeliverAndWaitAsync(autoReply);
        await desk.SentinelAsync();

        Assert.Empty(await desk.TicketsFromAsync(sender));
        Assert.Empty(await desk.SentToAsync(sender));
        Assert.DoesNotContain(autoReply.MessageId, await desk.InboxAsync());
    }

    [Fact]
    public async Task Mail_from_the_desks_own_address_is_ignored()
    {
        var loop = Letters.Mail(desk.Address, desk.Address, "Recibimos su consulta: Re: Recibimos su consulta");

        await desk.DeliverAndWaitAsync(loop);
        await desk.SentinelAsync();

        Assert.Empty(await desk.TicketsFromAsync(desk.Address));
        Assert.Empty(await desk.SentToAsync(desk.Address));
    }

    [Fact]
    public async Task A_sender_gets_at_most_three_acknowledgements_an_hour()
    {
        var sender = Letters.NewSender();
        string[] subjects = ["No imprime", "Tampoco exporta", "Ahora no abre", "Ya no sé qué más probar"];
        foreach (var subject in subjects)
        {
            await desk.DeliverAsync(Letters.Mail(sender, desk.Address, subject));
        }
        await desk.SentinelAsync();

        var tickets = await desk.TicketsFromAsync(sender);
        Assert.Equal(subjects, tickets.Select(t => t.Str("subject")));
        var acks = await desk.SentToAsync(sender);
        Assert.Equal(3, acks.Count);
        Assert.Equal(tickets.Take(3).Select(t => t.Str("number")), acks.Select(a => MailDesk.NumberIn(a.Subject)).Order());
        Assert.DoesNotContain(await desk.TimelineAsync(tickets[3].Str("number")), e => e.Str("kind") == "messageOut");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_bounce_marks_the_acknowledgement_failed_on_its_ticket_and_opens_nothing(bool returnsWholeMessage)
    {
        var customer = Letters.NewSender();
        await desk.DeliverAsync(Letters.Mail(customer, desk.Address, "Cambio de razón social"));
        var ack = (await desk.SentToAsync(customer, 1))[0];
        var number = MailDesk.NumberIn(ack.Subject);
        var bounce = Letters.Bounce(desk.Address, ack, customer, returnsWholeMessage);
        var daemon = bounce.From.Mailboxes.Single().Address;

        await desk.DeliverAndWaitAsync(bounce);

        var failure = Assert.Single(await desk.TimelineAsync(number), e => e.Str("kind") == "deliveryFailed");
        Assert.Equal(customer, failure.Str("to"));
        Assert.Contains("550 5.1.1", failure.Str("text"));
        Assert.Empty(await desk.TicketsFromAsync(daemon));
        Assert.Single(await desk.TicketsFromAsync(customer));
        await using var db = await desk.App.DbAsync();
        var outbox = await db.Outbox.AsNoTracking().SingleAsync(o => o.MessageId == ack.MessageId, TestContext.Current.CancellationToken);
        Assert.Equal(OutboxState.Failed, outbox.State);
        await desk.SentinelAsync();
        Assert.Empty(await desk.SentToAsync(daemon));
    }
}

public sealed class MailLoopsOnSqlite(SqliteMailDesk desk) : MailLoopsTests(desk), IClassFixture<SqliteMailDesk>;

public sealed class MailLoopsOnPostgres(PostgresMailDesk desk) : MailLoopsTests(desk), IClassFixture<PostgresMailDesk>;
