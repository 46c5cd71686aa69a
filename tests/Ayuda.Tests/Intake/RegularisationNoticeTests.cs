using System.Net;
using System.Net.Http.Json;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Intake;

/// <summary>
/// A customer without an agreement in force who writes is told, in their language, that the case went to the Project
/// Manager (instead of the usual acknowledgement), from the regularisation template the head may edit.
/// </summary>
public abstract class RegularisationNoticeTests(MailDesk desk)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_whose_agreement_expired_is_told_the_case_went_to_the_project_manager()
    {
        var customer = await desk.CustomerExpiredAsync("Panadería La Espiga");
        var contact = await desk.ContactAsync(customer, "Rosa Gauna");

        await desk.DeliverAsync(Letters.Mail(contact.Email, desk.Address, "No imprime el cierre de caja"));

        var notice = Assert.Single(await desk.SentToAsync(contact.Email, 1));
        var ticket = Assert.Single(await desk.TicketsFromAsync(contact.Email));
        var number = ticket.Str("number");
        Assert.Equal("regularisation", ticket.Str("state"));
        Assert.Equal($"[#{number}] Su consulta {number}: No imprime el cierre de caja", notice.Subject);
        var expired = Desk.Today.AddDays(-10).ToString("d/M/yyyy");
        Assert.True(notice.Message.TextBody!.Contains($"el acuerdo de soporte de Panadería La Espiga no está vigente (venció el {expired})"), notice.Message.TextBody);
        Assert.Contains("Gerente de Proyectos", notice.Message.TextBody);
        Assert.DoesNotContain("Un consultor la va a atender", notice.Message.TextBody);
        // The notice is on the case's record like any message the customer was sent.
        Assert.Contains(await desk.TimelineAsync(number), e => e.Str("kind") == "messageOut");
    }

    [Fact]
    public async Task An_english_customer_gets_the_notice_in_english_and_an_edited_template_is_used()
    {
        var customer = await desk.CustomerExpiredAsync("Harbour Bakery");
        var detail = await Api.Json(await desk.Administration.GetAsync($"/api/v1/customers/{customer.Id}", Ct), HttpStatusCode.OK);
        await Api.Json(await desk.Administration.PutAsJsonAsync($"/api/v1/customers/{customer.Id}", new
        {
            name = customer.Name, taxId = detail.Str("taxId"), phones = new[] { new { number = customer.Phone, label = "Main" } }, emailDomains = new[] { customer.Domain }, language = "en",
        }, Ct), HttpStatusCode.OK);
        var contact = await desk.ContactAsync(customer, "Peter Long");
        await Api.Json(await desk.Head.PutAsJsonAsync("/api/v1/templates/regularisation/en", new
        {
            subject = "Agreement needed for {{ customer.name }}",
            body = "Dear {{ contact.name }}, your agreement is {{ agreement.status }}. Case {{ ticket.number }}.",
            version = 0,
        }, Ct), HttpStatusCode.OK);

        await desk.DeliverAsync(Letters.Mail(contact.Email, desk.Address, "Reports are empty"));

        var notice = Assert.Single(await desk.SentToAsync(contact.Email, 1));
        var number = Assert.Single(await desk.TicketsFromAsync(contact.Email)).Str("number");
        Assert.Equal($"[#{number}] Agreement needed for Harbour Bakery", notice.Subject);
        Assert.Equal($"Dear Peter Long, your agreement is expired on {Desk.Today.AddDays(-10):M/d/yyyy}. Case {number}.", notice.Message.TextBody!.Trim());
    }

    [Fact]
    public async Task A_sender_identified_as_a_customer_without_agreement_is_told_after_the_acknowledgement()
    {
        var sender = Letters.NewSender();
        await desk.DeliverAsync(Letters.Mail(sender, desk.Address, "Necesito ayuda con el stock"));
        var ack = (await desk.SentToAsync(sender, 1))[0];
        var number = MailDesk.NumberIn(ack.Subject);
        var customer = await desk.CustomerExpiredAsync("Ferretería El Tornillo");

        var identified = await Api.Json(await desk.Administration.PostAsJsonAsync($"/api/v1/tickets/{number}/identify",
            new { customerId = customer.Id, addSenderAsContact = true }, Ct), HttpStatusCode.OK);

        Assert.Equal("regularisation", identified.Str("state"));
        var notice = (await desk.SentToAsync(sender, 2))[1];
        Assert.Equal($"[#{number}] Su consulta {number}: Necesito ayuda con el stock", notice.Subject);
        Assert.Contains("Ferretería El Tornillo no está vigente", notice.Message.TextBody);
    }
}

public sealed class RegularisationNoticeOnSqlite(SqliteMailDesk desk) : RegularisationNoticeTests(desk), IClassFixture<SqliteMailDesk>;

public sealed class RegularisationNoticeOnPostgres(PostgresMailDesk desk) : RegularisationNoticeTests(desk), IClassFixture<PostgresMailDesk>;
