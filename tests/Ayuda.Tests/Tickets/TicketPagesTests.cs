using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Tickets;

/// <summary>
/// The queue and the ticket page as a browser first receives them (the pre-rendered HTML, before the page is live):
/// everything a person reads and the controls they will use are there, with MudBlazor's look.
/// </summary>
public abstract partial class TicketPagesTests(Desk desk)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_queue_shows_each_ticket_with_its_customer_agreement_state_and_actions()
    {
        var customer = await desk.CustomerInForceAsync("Panadería La Espiga");
        var ticket = (await desk.IntakeAsync(customer, "No imprime los tickets de venta")).Str("number");
        var head = await BrowserAsync("marta@ayuda.test");

        var page = await PageAsync(head, $"/tickets?state=pending&customerId={customer.Id}");

        Assert.Equal("Cola de Implementación", Text(page, "[data-testid='queue-title']"));
        // The filters say what is shown: the state picked is written in its box.
        Assert.Contains("Pendiente", page.QuerySelector("[data-testid='queue-filters']")!.TextContent);
        var row = page.QuerySelectorAll("[data-testid='queue-table'] tr").Single(r => r.TextContent.Contains(ticket));
        Assert.Equal($"/tickets/{ticket}", row.QuerySelector("a[data-testid='queue-number']")!.GetAttribute("href"));
        Assert.Equal("No imprime los tickets de venta", Text(row, "[data-testid='queue-subject']"));
        Assert.Contains("Panadería La Espiga", row.TextContent);
        Assert.StartsWith("Vigente hasta", Text(row, "[data-testid='agreement-badge']"));
        Assert.Equal("Pendiente", Text(row, "[data-testid='ticket-state']"));
        Assert.Equal("—", Text(row, "[data-testid='queue-assignee']"));
        // The head may take it and assign it; the assignment menu opens once the page is live.
        Assert.Equal("Tomar", Text(row, "[data-testid='queue-take']"));
        var assign = row.QuerySelector("[data-testid='queue-assign'] button")!;
        Assert.Equal("Asignar", assign.TextContent.Trim());
        Assert.True(assign.HasAttribute("disabled"));
    }

    [Fact]
    public async Task Markup_typed_by_a_customer_shows_in_the_queue_as_text_and_never_as_elements()
    {
        var customer = await desk.CustomerInForceAsync("Kiosco <b>Mitre</b> & Hijos");
        const string subject = "No anda <img src=x onerror=alert(1)> \"urgente\" & rápido";
        var ticket = (await desk.IntakeAsync(customer, subject)).Str("number");
        var head = await BrowserAsync("marta@ayuda.test");

        var page = await PageAsync(head, $"/tickets?state=pending&customerId={customer.Id}");

        var row = page.QuerySelectorAll("[data-testid='queue-table'] tr").Single(r => r.TextContent.Contains(ticket));
        Assert.Equal(subject, Text(row, "[data-testid='queue-subject']"));
        Assert.Contains("Kiosco <b>Mitre</b> & Hijos", row.TextContent);
        Assert.Empty(row.QuerySelectorAll("img, b"));
    }

    [Fact]
    public async Task The_ticket_page_shows_the_ticket_its_history_and_the_call_back_promised()
    {
        var customer = await desk.CustomerInForceAsync("Ferretería El Tornillo");
        var contact = await desk.ContactAsync(customer, "Jorge Funes");
        var ticket = (await desk.IntakeAsync(new { channel = "phone", customerId = customer.Id, contactId = contact.Id, subject = "El lector de códigos no responde" }))
            .Str("number");
        var callBack = new { dueAt = DateTimeOffset.UtcNow.AddHours(2), note = "Llamar a Jorge" };
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{ticket}/callbacks", callBack, Ct), HttpStatusCode.Created);
        var consultant = await BrowserAsync("diego@ayuda.test");

        var page = await PageAsync(consultant, $"/tickets/{ticket}");

        Assert.Equal(ticket, Text(page, "[data-testid='ticket-number']"));
        Assert.Equal("Pendiente", Text(page, "[data-testid='ticket-state']"));
        Assert.Equal("El lector de códigos no responde", Text(page, "[data-testid='ticket-subject']"));
        Assert.Equal("Ferretería El Tornillo", Text(page, "[data-testid='customer-name']"));
        Assert.StartsWith("Vigente hasta", Text(page, "[data-testid='ticket-customer'] [data-testid='agreement-badge']"));
        Assert.Contains("Jorge Funes", Text(page, "[data-testid='ticket-contact']"));
        Assert.Contains(page.QuerySelectorAll("[data-testid='timeline-entry']"), e => e.TextContent.Contains("Contacto recibido por Teléfono"));
        Assert.NotNull(page.QuerySelector("textarea[data-testid='note-text']"));
        Assert.NotNull(page.QuerySelector("[data-testid='action-take']"));
        // The panels that have rows show them; the meetings panel says there are none.
        Assert.Contains("Llamar a Jorge", Text(page, "[data-testid='callback']"));
        Assert.Contains("Sin reuniones", Text(page, "[data-testid='ticket-meetings']"));
        // The reply is addressed to the contact, who can also be answered on WhatsApp (their phone is marked so).
        Assert.Equal(contact.Email, page.QuerySelector("input[data-testid='reply-to']")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("[data-testid='reply-channel']"));
    }

    [Fact]
    public async Task A_reply_to_an_unknown_sender_goes_to_the_address_that_wrote_and_offers_no_WhatsApp()
    {
        var ticket = (await desk.IntakeAsync(new { channel = "email", from = "alguien@desconocido.example", subject = "Consulta sin remitente conocido" }))
            .Str("number");
        var consultant = await BrowserAsync("diego@ayuda.test");

        var page = await PageAsync(consultant, $"/tickets/{ticket}");

        Assert.Equal("alguien@desconocido.example", page.QuerySelector("input[data-testid='reply-to']")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("[data-testid='reply-channel']"));
    }

    /// <summary>A browser signed in through the login form, as a person signs in (the pages want the cookie).</summary>
    private async Task<HttpClient> BrowserAsync(string email)
    {
        var browser = desk.App.CreateClient();
        var form = await browser.GetStringAsync("/account/login", Ct);
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(form).Groups[1].Value);
        using var signIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = Desk.Password,
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        return browser;
    }

    private static async Task<IDocument> PageAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(Ct), Ct);
    }

    private static string Text(IParentNode scope, string selector) =>
        (scope.QuerySelector(selector) ?? throw new InvalidOperationException($"Nothing matches {selector}")).TextContent.Trim();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class TicketPagesOnSqlite(SqliteDesk desk) : TicketPagesTests(desk), IClassFixture<SqliteDesk>;

public sealed class TicketPagesOnPostgres(PostgresDesk desk) : TicketPagesTests(desk), IClassFixture<PostgresDesk>;
