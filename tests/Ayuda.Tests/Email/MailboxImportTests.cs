using System.Net;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Email;

/// <summary>Mail that reaches the desk's mailbox becomes a ticket, leaves the inbox, and the customer is told the ticket's number.</summary>
public abstract class MailboxImportTests(MailDesk desk)
{
    [Fact]
    public async Task Mail_from_an_unknown_sender_becomes_a_triage_ticket_and_is_acknowledged_with_its_number()
    {
        var sender = Letters.NewSender();
        var mail = Letters.Mail(sender, desk.Address, "No puedo entrar al sistema");

        await desk.DeliverAsync(mail);

        var ack = Assert.Single(await desk.SentToAsync(sender, 1));
        var number = MailDesk.NumberIn(ack.Subject);
        Assert.Contains("No puedo entrar al sistema", ack.Subject);
        Assert.Equal("auto-replied", ack.Message.Headers["Auto-Submitted"]);
        Assert.Equal(mail.MessageId, ack.InReplyTo);
        Assert.Equal(desk.Address, ack.From);
        var ticket = await desk.TicketAsync(number);
        Assert.Equal("triage", ticket.Str("state"));
        Assert.Equal(sender, ticket.Str("from"));
        Assert.Equal("email", ticket.Str("channel"));
        Assert.Equal("No puedo entrar al sistema", ticket.Str("subject"));

        Assert.Equal(1, (await desk.ProcessedAsync(mail.MessageId)).Count(id => id == mail.MessageId));
        Assert.DoesNotContain(mail.MessageId, await desk.InboxAsync());
    }

    [Fact]
    public async Task Mail_from_a_contact_of_a_customer_with_agreement_goes_to_implementation_as_pending()
    {
        var customer = await desk.CustomerInForceAsync("Ferretería Industrial Rosario");
        var contact = await desk.ContactAsync(customer, "Graciela Paz");
        var mail = Letters.Mail(contact.Email, desk.Address, "El reporte de stock sale vacío");

        await desk.DeliverAsync(mail);

        var ack = Assert.Single(await desk.SentToAsync(contact.Email, 1));
        Assert.Equal(mail.MessageId, ack.InReplyTo);
        Assert.Equal("auto-replied", ack.Message.Headers["Auto-Submitted"]);
        var ticket = await desk.TicketAsync(MailDesk.NumberIn(ack.Subject));
        Assert.Equal("pending", ticket.Str("state"));
        Assert.Equal("Ferretería Industrial Rosario", ticket.GetProperty("customer").Str("name"));
        Assert.Equal("Graciela Paz", ticket.GetProperty("contact").Str("name"));
        await desk.ProcessedAsync(mail.MessageId);
        Assert.DoesNotContain(mail.MessageId, await desk.InboxAsync());
    }

    [Fact]
    public async Task Reply_to_the_acknowledgement_joins_its_ticket_by_In_Reply_To()
    {
        var sender = Letters.NewSender();
        await desk.DeliverAsync(Letters.Mail(sender, desk.Address, "La impresora fiscal no responde"));
        var ack = (await desk.SentToAsync(sender, 1))[0];
        var number = MailDesk.NumberIn(ack.Subject);

        // No subject token and no Thread-Index: only In-Reply-To and References lead back to the ticket.
        var reply = Letters.Reply(sender, desk.Address, "Más datos", ack);
        await desk.DeliverAndWaitAsync(reply);

        Assert.Single(await desk.TicketsFromAsync(sender));
        var messages = (await desk.TimelineAsync(number)).Where(e => e.Str("kind") == "messageIn").Select(e => e.Str("text"));
        Assert.Equal(["La impresora fiscal no responde", "Más datos"], messages);
    }

    [Fact]
    public async Task Subject_token_from_the_customers_own_address_joins_its_ticket()
    {
        var customer = await desk.CustomerInForceAsync("Distribuidora del Litoral");
        var contact = await desk.ContactAsync(customer, "Marcelo Ríos");
        await desk.DeliverAsync(Letters.Mail(contact.Email, desk.Address, "No sincroniza la sucursal 3"));
        var number = MailDesk.NumberIn((await desk.SentToAsync(contact.Email, 1))[0].Subject);

        // A new mail (not a reply: no In-Reply-To, no References) that only names the ticket in its subject.
        await desk.DeliverAndWaitAsync(Letters.Mail(contact.Email, desk.Address, $"Sobre el [#{number}]: ahora tampoco la 4"));

        Assert.Single(await desk.TicketsFromAsync(contact.Email));
        Assert.Contains(await desk.TimelineAsync(number), e => e.Str("kind") == "messageIn" && e.Str("text") == $"Sobre el [#{number}]: ahora tampoco la 4");
    }

    [Fact]
    public async Task Subject_token_from_a_stranger_opens_a_new_ticket_instead_of_joining()
    {
        var customer = await desk.CustomerInForceAsync("Laboratorio Cuyo");
        var contact = await desk.ContactAsync(customer, "Inés Ferreyra");
        await desk.DeliverAsync(Letters.Mail(contact.Email, desk.Address, "Error al cerrar el mes"));
        var number = MailDesk.NumberIn((await desk.SentToAsync(contact.Email, 1))[0].Subject);
        var stranger = Letters.NewSender("curioso");

        await desk.DeliverAsync(Letters.Mail(stranger, desk.Address, $"Re: [#{number}] Error al cerrar el mes", "Quiero ver ese ticket."));

        var strangersAck = Assert.Single(await desk.SentToAsync(stranger, 1));
        var strangersTicket = MailDesk.NumberIn(strangersAck.Subject);
        Assert.NotEqual(number, strangersTicket);
        Assert.Equal("triage", (await desk.TicketAsync(strangersTicket)).Str("state"));
        var original = await desk.TimelineAsync(number);
        Assert.Single(original, e => e.Str("kind") == "messageIn");
    }

    [Fact]
    public async Task Outlook_reply_joins_its_ticket_by_the_conversation_in_Thread_Index()
    {
        var sender = Letters.NewSender();
        var first = Letters.Mail(sender, desk.Address, "Consulta sobre retenciones");
        var conversation = Letters.NewThreadIndex();
        first.Headers.Add("Thread-Index", conversation);
        await desk.DeliverAsync(first);
        var number = MailDesk.NumberIn((await desk.SentToAsync(sender, 1))[0].Subject);

        // Outlook answering its own sent mail: new subject, no In-Reply-To or References, the same conversation.
        var second = Letters.Mail(sender, desk.Address, "RE: Consulta sobre retenciones (adjunto captura)");
        second.Headers.Add("Thread-Index", Letters.ReplyThreadIndex(conversation));
        await desk.DeliverAndWaitAsync(second);

        Assert.Single(await desk.TicketsFromAsync(sender));
        Assert.Equal(2, (await desk.TimelineAsync(number)).Count(e => e.Str("kind") == "messageIn"));
    }

    [Fact]
    public async Task The_same_mail_delivered_twice_makes_one_ticket_and_one_acknowledgement()
    {
        var sender = Letters.NewSender();
        var mail = Letters.Mail(sender, desk.Address, "Se duplicó la factura 0003-00001234");

        await desk.DeliverAsync(mail);
        await desk.DeliverAsync(mail);
        await desk.ProcessedAsync(mail.MessageId, copies: 2);
        await desk.SentinelAsync();

        var ticket = Assert.Single(await desk.TicketsFromAsync(sender));
        Assert.Single(await desk.TimelineAsync(ticket.Str("number")), e => e.Str("kind") == "messageIn");
        Assert.Single(await desk.SentToAsync(sender));
        Assert.DoesNotContain(mail.MessageId, await desk.InboxAsync());
    }

    [Fact]
    public async Task The_same_mail_posted_twice_is_a_duplicate_the_second_time()
    {
        var sender = Letters.NewSender();
        var mail = Letters.Mail(sender, desk.Address, "Pedido de alta de usuario");

        var first = await desk.PostRawAsync(mail, HttpStatusCode.Created);
        var second = await desk.PostRawAsync(mail, HttpStatusCode.OK);

        Assert.Equal("newTicket", first.Str("outcome"));
        Assert.Equal("duplicate", second.Str("outcome"));
        var ticket = Assert.Single(await desk.TicketsFromAsync(sender));
        Assert.Equal(first.Str("ticketNumber"), ticket.Str("number"));
    }

    [Fact]
    public async Task The_same_mail_posted_by_several_servers_at_once_makes_one_ticket_and_one_acknowledgement()
    {
        var sender = Letters.NewSender();
        var mail = Letters.Mail(sender, desk.Address, "Urgente: no anda el punto de venta");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var content = new ByteArrayContent(Letters.Bytes(mail));
            var response = await desk.MailServer.PostAsync("/api/v1/channels/email/raw", content, TestContext.Current.CancellationToken);
            return (await Api.Json(response, response.StatusCode)).Str("outcome");
        }));

        Assert.Equal(["duplicate", "duplicate", "duplicate", "duplicate", "duplicate", "duplicate", "duplicate", "newTicket"], outcomes.Order());
        Assert.Single(await desk.TicketsFromAsync(sender));
        await desk.SentinelAsync();
        Assert.Single(await desk.SentToAsync(sender));
    }
}

public sealed class MailboxImportOnSqlite(SqliteMailDesk desk) : MailboxImportTests(desk), IClassFixture<SqliteMailDesk>;

public sealed class MailboxImportOnPostgres(PostgresMailDesk desk) : MailboxImportTests(desk), IClassFixture<PostgresMailDesk>;
