using System.Text.Json.Nodes;
using Ayuda.Features.Customers;
using Ayuda.Tests.Support;
using Xunit;
using static Ayuda.E2E.Journey;
using static Microsoft.Playwright.Assertions;

namespace Ayuda.E2E;

/// <summary>
/// The complaint path end to end: a consultant records a complaint from the customer's ticket (the customer gets the
/// acknowledgement by mail), and the head of implementation finds it in the register, records what was done and
/// closes it.
/// </summary>
public sealed class FeedbackJourneyTests(BrowserFixture fixture, MailServers mail) : IClassFixture<BrowserFixture>
{
    private const string Password = "Desk-E2e-2026x";

    [Fact]
    public async Task A_complaint_is_recorded_from_its_ticket_and_the_head_closes_it_with_the_outcome()
    {
        var api = new DeskApi(fixture.BaseUrl);
        var settings = JsonNode.Parse((await api.GetAsync("/api/v1/settings/email")).GetRawText())!;
        settings["smtp"] = new JsonObject { ["host"] = mail.SmtpHost, ["port"] = mail.SmtpPort, ["security"] = "none", ["user"] = "" };
        await api.SendAsync(HttpMethod.Put, "/api/v1/settings/email", settings);

        var consultant = await api.StaffAsync("Sofía Ramos", Password, "Consultant");
        var head = await api.StaffAsync("Elena Quiroga", Password, "HeadOfImplementation");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var customer = await api.CustomerAsync("Distribuidora El Ceibo", Cuit.Complete("3071234570")!);
        var email = $"gerencia{Guid.NewGuid().ToString("N")[..6]}@elceibo.example.com";
        await api.ContactWithEmailAsync(customer, "Raúl Benítez", email);
        await api.AgreementAsync(customer, today.AddMonths(-1), today.AddMonths(11));
        var ticket = (await api.SendAsync(HttpMethod.Post, "/api/v1/intake",
            new { channel = "phone", customerId = customer, from = email, subject = "Reclamo por demora", description = "Pidió una visita hace dos semanas y nadie fue." })).GetProperty("number").GetString()!;

        var page = await fixture.NewPageAsync();
        var second = await fixture.NewPageAsync();
        try
        {
            // The consultant takes the ticket, classifies it as a complaint and records it from the ticket's panel.
            await LoginAsync(page, consultant, Password);
            await OpenAsync(page, $"/tickets/{ticket}");
            await page.GetByTestId("ticket-actions").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Tomar" }).ClickAsync();
            await Expect(page.GetByTestId("ticket-state")).ToHaveTextAsync("En curso");
            await ChooseAsync(page, page.GetByTestId("ticket-actions"), "Clasificación", "Reclamo");
            await page.GetByTestId("record-feedback").ClickAsync();
            var dialog = page.Locator(".mud-dialog");
            await Expect(Input(page, "feedback-customer-fixed")).ToHaveValueAsync("Distribuidora El Ceibo");
            await Expect(Input(page, "feedback-description")).ToHaveValueAsync("Pidió una visita hace dos semanas y nadie fue.");
            await Expect(dialog.Locator(".mud-select").Filter(new() { HasText = "Tipo" }).First).ToContainTextAsync("Reclamo");
            await ChooseAsync(page, dialog, "Categoría", "Tiempo de respuesta");
            await page.GetByTestId("feedback-save").ClickAsync();
            var number = (await page.GetByTestId("ticket-feedback-number").TextContentAsync())!.Trim();
            Assert.Matches(@"^SR-\d{4}-\d{4}$", number);
            await Expect(page.GetByTestId("ticket-feedback").GetByTestId("feedback-state")).ToHaveTextAsync("Abierto");
            await Expect(page.GetByTestId("ticket-feedback").GetByTestId("feedback-ack")).ToContainTextAsync(email);
            await Expect(page.GetByTestId("timeline-feedback-link")).ToHaveTextAsync(number);
            await BrowserFixture.ScreenshotAsync(page, "80-feedback-recorded.png");

            // The customer is told by mail.
            var acknowledgement = await WaitForMailAsync(email, $"Registramos su reclamo {number}");
            Assert.Contains("Pidió una visita hace dos semanas y nadie fue.", acknowledgement.Message.TextBody ?? "");

            // The head finds it among the complaints to review, records the outcome and closes it.
            await LoginAsync(second, head, Password);
            await Expect(second.GetByTestId("home-complaints")).ToBeVisibleAsync();
            await OpenAsync(second, "/feedback");
            await second.GetByTestId("feedback-awaiting").GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = number }).ClickAsync();
            await Expect(second.GetByTestId("feedback-number")).ToHaveTextAsync(number);
            await InteractiveAsync(second);
            await Input(second, "feedback-outcome-input").FillAsync("Se reprogramó la visita para el lunes y se revisó la agenda de visitas.");
            await second.GetByTestId("feedback-review-close").ClickAsync();
            await Expect(second.GetByTestId("feedback-state")).ToHaveTextAsync("Cerrado");
            await Expect(second.GetByTestId("feedback-outcome")).ToHaveTextAsync("Se reprogramó la visita para el lunes y se revisó la agenda de visitas.");
            await Expect(second.GetByTestId("feedback-closed-by")).ToContainTextAsync("Elena Quiroga");
            await Expect(second.GetByTestId("feedback-review")).ToHaveCountAsync(0);
            await BrowserFixture.ScreenshotAsync(second, "81-feedback-closed.png");
        }
        finally
        {
            await page.Context.CloseAsync();
            await second.Context.CloseAsync();
        }
    }

    private async Task<SentMail> WaitForMailAsync(string address, string subject)
    {
        for (var i = 0; i < 150; i++)
        {
            var sent = (await mail.SentAsync()).FirstOrDefault(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase) && m.Subject.Contains(subject, StringComparison.Ordinal));
            if (sent is not null)
            {
                return sent;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"'{subject}' to {address} did not arrive.");
    }
}
