using System.Text.Json.Nodes;
using Ayuda.Features.Customers;
using Ayuda.Tests.Support;
using Xunit;
using static Ayuda.E2E.Journey;
using static Microsoft.Playwright.Assertions;

namespace Ayuda.E2E;

/// <summary>
/// The end of a case in the browser: the consultant resolves it, reads the closing notification exactly as it will
/// go, copies a colleague, sends it; the mail reaches the real mail server once and the ticket closes.
/// </summary>
public sealed class ClosingJourneyTests(BrowserFixture fixture, MailServers mail) : IClassFixture<BrowserFixture>
{
    private const string Password = "Desk-E2e-2026x";

    [Fact]
    public async Task A_consultant_resolves_previews_and_sends_the_closing_notification_and_the_ticket_closes()
    {
        var api = new DeskApi(fixture.BaseUrl);
        var settings = JsonNode.Parse((await api.GetAsync("/api/v1/settings/email")).GetRawText())!;
        settings["smtp"] = new JsonObject { ["host"] = mail.SmtpHost, ["port"] = mail.SmtpPort, ["security"] = "none", ["user"] = "" };
        await api.SendAsync(HttpMethod.Put, "/api/v1/settings/email", settings);

        var consultant = await api.StaffAsync("Ramiro Quiroga", Password, "Consultant");
        var colleague = await api.StaffAsync("Elena Paz", Password, "Consultant");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var customer = await api.CustomerAsync("Distribuidora Norte Grande", Cuit.Complete("3071777888")!);
        var email = $"compras{Guid.NewGuid().ToString("N")[..6]}@nortegrande.example.com";
        await api.ContactWithEmailAsync(customer, "Beatriz Ocampo", email);
        await api.AgreementAsync(customer, today.AddMonths(-1), today.AddMonths(11));
        var ticket = (await api.SendAsync(HttpMethod.Post, "/api/v1/intake",
            new { channel = "phone", customerId = customer, from = email, subject = "No salen los remitos por mail", description = "Desde el lunes no llegan." }))
            .GetProperty("number").GetString()!;

        var page = await fixture.NewPageAsync();
        try
        {
            await LoginAsync(page, consultant, Password);
            await OpenAsync(page, $"/tickets/{ticket}");
            await page.GetByTestId("ticket-actions").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Tomar" }).ClickAsync();
            await Expect(page.GetByTestId("ticket-state")).ToHaveTextAsync("En curso");
            await page.GetByTestId("action-resolve").ClickAsync();

            var dialog = page.GetByTestId("resolve-dialog");
            await Input(page, "resolve-resolution").FillAsync("El servidor de correo había cambiado la contraseña; la actualizamos y los remitos salen.");
            await dialog.GetByTestId("resolve-preview").ClickAsync();
            await Expect(Input(page, "resolve-to")).ToHaveValueAsync(email);
            await Expect(Input(page, "resolve-subject")).ToHaveValueAsync($"[#{ticket}] Caso {ticket} resuelto: No salen los remitos por mail");
            await Expect(Input(page, "resolve-body")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("la actualizamos y los remitos salen"));
            await ChooseAsync(page, dialog, "Con copia a la mesa", "Elena Paz");
            // Close the list by clicking elsewhere in the dialog (Escape would close the dialog itself).
            await dialog.GetByText("Para", new() { Exact = true }).ClickAsync(new() { Force = true });
            await BrowserFixture.ScreenshotAsync(page, "90-closing-preview.png");
            await page.GetByTestId("resolve-send").ClickAsync();
            await Expect(page.GetByTestId("ticket-state")).ToHaveTextAsync("Resuelto");

            var sent = await WaitForMailAsync(email);
            Assert.Equal($"[#{ticket}] Caso {ticket} resuelto: No salen los remitos por mail", sent.Subject);
            Assert.Contains(colleague, sent.Cc, StringComparer.OrdinalIgnoreCase);
            Assert.Contains("la actualizamos y los remitos salen", sent.Message.TextBody ?? "");
            Assert.Contains("Distribuidora Norte Grande", sent.Message.TextBody ?? "");

            // Once it is out, the ticket is closed.
            for (var i = 0; i < 50 && !(await page.GetByTestId("ticket-state").TextContentAsync() ?? "").Contains("Cerrado"); i++)
            {
                await Task.Delay(300);
                await OpenAsync(page, $"/tickets/{ticket}");
            }
            await Expect(page.GetByTestId("ticket-state")).ToHaveTextAsync("Cerrado");
            await Expect(page.GetByTestId("ticket-resolution")).ToContainTextAsync("los remitos salen");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private async Task<SentMail> WaitForMailAsync(string address)
    {
        for (var i = 0; i < 150; i++)
        {
            if ((await mail.SentAsync()).FirstOrDefault(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase)) is { } found)
            {
                return found;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"No mail to {address} arrived.");
    }
}
