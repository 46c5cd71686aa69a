using System.Net;
using System.Net.Http.Json;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Tests.Email;

/// <summary>
/// A reply to a closed ticket: within a week, a ticket that Implementation worked comes back; otherwise (later, or a
/// case closed without service) the reply opens a new ticket that says which one it follows up.
/// </summary>
public abstract class ReopenByMailTests(MailDesk desk)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reply_to_a_triage_contact_closed_without_service_opens_a_new_ticket_that_follows_it_up()
    {
        var sender = Letters.NewSender();
        await desk.DeliverAsync(Letters.Mail(sender, desk.Address, "Quiero contratar el sistema"));
        var ack = (await desk.SentToAsync(sender, 1))[0];
        var closed = MailDesk.NumberIn(ack.Subject);
        await Api.Json(await desk.Administration.PostAsJsonAsync($"/api/v1/tickets/{closed}/close-without-service",
            new { reason = "No es cliente; se derivó a ventas" }, Ct), HttpStatusCode.OK);

        await desk.DeliverAsync(Letters.Reply(sender, desk.Address, $"Re: {ack.Subject}", ack));

        var newAck = (await desk.SentToAsync(sender, 2))[1];
        var opened = MailDesk.NumberIn(newAck.Subject);
        Assert.NotEqual(closed, opened);
        Assert.Equal("triage", (await desk.TicketAsync(opened)).Str("state"));
        Assert.Equal(closed, Assert.Single(await desk.TimelineAsync(opened), e => e.Str("kind") == "followsUp").Str("to"));
        Assert.Equal("closed", (await desk.TicketAsync(closed)).Str("state"));
        Assert.Single(await desk.TimelineAsync(closed), e => e.Str("kind") == "messageIn");
    }

    [Fact]
    public async Task Reply_to_a_regularisation_case_closed_without_service_opens_a_new_case_that_follows_it_up()
    {
        var customer = await desk.CustomerExpiredAsync("Panificadora San Jorge");
        var contact = await desk.ContactAsync(customer, "Olga Sosa");
        var first = Letters.Mail(contact.Email, desk.Address, "No anda el módulo de sueldos");
        await desk.DeliverAndWaitAsync(first);
        var closed = Assert.Single(await desk.TicketsFromAsync(contact.Email)).Str("number");
        await Api.Json(await desk.ProjectManager.PostAsJsonAsync($"/api/v1/tickets/{closed}/close-without-service",
            new { reason = "El cliente no renovó el abono" }, Ct), HttpStatusCode.OK);

        await desk.DeliverAndWaitAsync(Letters.Reply(contact.Email, desk.Address, "Re: No anda el módulo de sueldos", first));

        var tickets = await desk.TicketsFromAsync(contact.Email);
        Assert.Equal(2, tickets.Count);
        var opened = tickets.Single(t => t.Str("number") != closed);
        Assert.Equal("regularisation", opened.Str("state"));
        Assert.Equal(closed, Assert.Single(await desk.TimelineAsync(opened.Str("number")), e => e.Str("kind") == "followsUp").Str("to"));
        Assert.Equal("closed", (await desk.TicketAsync(closed)).Str("state"));
    }

    [Fact]
    public async Task Reply_within_a_week_of_closing_a_worked_ticket_reopens_it_for_its_consultant()
    {
        var (contact, number, ack) = await WorkedTicketAsync("Metalúrgica Tandil", "Diferencias en el IVA de compras");
        await CloseAsync(number, DateTimeOffset.UtcNow.AddDays(-2));

        await desk.DeliverAndWaitAsync(Letters.Reply(contact.Email, desk.Address, $"Re: {ack.Subject}", ack, "Volvió a pasar hoy."));

        var ticket = Assert.Single(await desk.TicketsFromAsync(contact.Email));
        Assert.Equal(number, ticket.Str("number"));
        Assert.Equal("inProgress", ticket.Str("state"));
        Assert.Equal("Diego Consultor", ticket.GetProperty("assignee").Str("name"));
        var timeline = await desk.TimelineAsync(number);
        var reopened = timeline.Last(e => e.Str("kind") == "stateChanged");
        Assert.Equal(("closed", "inProgress"), (reopened.Str("from"), reopened.Str("to")));
        Assert.Equal("Reabierto por una respuesta del cliente", reopened.Str("text"));
        Assert.Equal(2, timeline.Count(e => e.Str("kind") == "messageIn"));
        Assert.DoesNotContain(timeline, e => e.Str("kind") == "followsUp");
    }

    [Fact]
    public async Task Reply_more_than_a_week_after_closing_opens_a_new_ticket_that_follows_it_up()
    {
        var (contact, number, ack) = await WorkedTicketAsync("Bodega Valle de Uco", "No cierra la caja diaria");
        await CloseAsync(number, DateTimeOffset.UtcNow.AddDays(-8));

        await desk.DeliverAsync(Letters.Reply(contact.Email, desk.Address, $"Re: {ack.Subject}", ack, "Volvió a pasar."));

        var newAck = (await desk.SentToAsync(contact.Email, 2))[1];
        var opened = MailDesk.NumberIn(newAck.Subject);
        Assert.NotEqual(number, opened);
        Assert.Equal("pending", (await desk.TicketAsync(opened)).Str("state"));
        Assert.Equal(number, Assert.Single(await desk.TimelineAsync(opened), e => e.Str("kind") == "followsUp").Str("to"));
        Assert.Equal("closed", (await desk.TicketAsync(number)).Str("state"));
    }

    [Fact]
    public async Task An_out_of_office_reply_does_not_reopen_a_closed_ticket()
    {
        var (contact, number, ack) = await WorkedTicketAsync("Textil Pergamino", "No llegan los mails de cobranza");
        await CloseAsync(number, DateTimeOffset.UtcNow.AddDays(-1));
        var outOfOffice = Letters.Reply(contact.Email, desk.Address, $"Fuera de la oficina: {ack.Subject}", ack, "Estoy de licencia hasta el 3 de marzo.");
        outOfOffice.Headers.Add("Auto-Submitted", "auto-replied");

        await desk.DeliverAndWaitAsync(outOfOffice);

        Assert.Equal("closed", (await desk.TicketAsync(number)).Str("state"));
        Assert.Single(await desk.TicketsFromAsync(contact.Email));
    }

    [Fact]
    public async Task An_out_of_office_reply_leaves_a_ticket_waiting_on_the_customer()
    {
        var (contact, number, ack) = await WorkedTicketAsync("Frigorífico Azul", "Error en la liquidación de horas extra");
        await MoveAsync(number, TicketState.WaitingOnCustomer);
        var outOfOffice = Letters.Reply(contact.Email, desk.Address, $"Respuesta automática: {ack.Subject}", ack, "Estoy de vacaciones.");
        outOfOffice.Headers.Add("Auto-Submitted", "auto-replied");

        await desk.DeliverAndWaitAsync(outOfOffice);

        Assert.Equal("waitingOnCustomer", (await desk.TicketAsync(number)).Str("state"));
    }

    /// <summary>A contact of a customer in force writes; Diego takes the ticket.</summary>
    private async Task<(Contact Contact, string Number, SentMail Ack)> WorkedTicketAsync(string customerName, string subject)
    {
        var customer = await desk.CustomerInForceAsync(customerName);
        var contact = await desk.ContactAsync(customer, "Responsable de sistemas");
        await desk.DeliverAsync(Letters.Mail(contact.Email, desk.Address, subject));
        var ack = (await desk.SentToAsync(contact.Email, 1))[0];
        var number = MailDesk.NumberIn(ack.Subject);
        await Api.Json(await desk.Consultant.PostAsync($"/api/v1/tickets/{number}/take", null, Ct), HttpStatusCode.OK);
        return (contact, number, ack);
    }

    /// <summary>Resolves and closes the ticket at <paramref name="closedAt"/> (the API has no resolve or close for worked tickets yet).</summary>
    private async Task CloseAsync(string number, DateTimeOffset closedAt)
    {
        await using var db = await desk.App.DbAsync();
        var ticket = await db.Tickets.SingleAsync(t => t.Number == number, Ct);
        var consultant = new Actor(desk.UserIds["diego"], "Diego Consultor");
        ticket.MoveTo(TicketState.Resolved, consultant, closedAt);
        ticket.MoveTo(TicketState.Closed, consultant, closedAt);
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Diego moves the ticket (the API has no state changes for worked tickets yet).</summary>
    private async Task MoveAsync(string number, TicketState state)
    {
        await using var db = await desk.App.DbAsync();
        var ticket = await db.Tickets.SingleAsync(t => t.Number == number, Ct);
        ticket.MoveTo(state, new Actor(desk.UserIds["diego"], "Diego Consultor"), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(Ct);
    }
}

public sealed class ReopenByMailOnSqlite(SqliteMailDesk desk) : ReopenByMailTests(desk), IClassFixture<SqliteMailDesk>;

public sealed class ReopenByMailOnPostgres(PostgresMailDesk desk) : ReopenByMailTests(desk), IClassFixture<PostgresMailDesk>;
