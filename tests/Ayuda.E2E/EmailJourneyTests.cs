using Ayuda.Features.Customers;
using Xunit;
using static Ayuda.E2E.Journey;
using static Microsoft.Playwright.Assertions;

namespace Ayuda.E2E;

/// <summary>A customer's email becomes a ticket; the consultant reads it (quoted history folded) and replies from the ticket.</summary>
public sealed class EmailJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Desk-E2e-2026x";

    [Fact]
    public async Task Consultant_reads_the_customers_email_and_replies_from_the_ticket()
    {
        var api = new DeskApi(fixture.BaseUrl);
        var consultant = await api.StaffAsync("Florencia Acosta", Password, "Consultant");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var customer = await api.CustomerAsync("Bodega Cerro Colorado", Cuit.Complete("3071378901")!);
        await api.ContactWithEmailAsync(customer, "Hernán Castro", "hcastro@cerrocolorado.example.com");
        await api.AgreementAsync(customer, today.AddMonths(-3), today.AddMonths(9));
        var number = await api.EmailAsync(
            "From: =?utf-8?q?Hern=C3=A1n_Castro?= <hcastro@cerrocolorado.example.com>\r\n" +
            "To: mesa@ayuda.local\r\nSubject: No cierra la caja diaria\r\nMessage-ID: <caja-1@cerrocolorado.example.com>\r\n" +
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
            "Buen día, al cerrar la caja aparece un error de saldo.\r\n\r\nEl lun, 3 de nov, Mesa escribió:\r\n> Mensaje anterior de la mesa\r\n");

        var page = await fixture.NewPageAsync();
        try
        {
            await LoginAsync(page, consultant, Password);
            await OpenAsync(page, $"/tickets/{number}");
            await Expect(page.GetByTestId("ticket-state")).ToHaveTextAsync("Pendiente");
            var inbound = page.Locator("[data-testid='message-card'][data-direction='in']");
            await Expect(inbound.GetByTestId("message-text")).ToHaveTextAsync("Buen día, al cerrar la caja aparece un error de saldo.");
            await Expect(inbound).Not.ToContainTextAsync("Mensaje anterior de la mesa");
            await inbound.GetByText("Mostrar texto citado").ClickAsync();
            await Expect(inbound).ToContainTextAsync("Mensaje anterior de la mesa");

            // The reply goes to the contact by default; it is queued (no SMTP server here) and shows so on the ticket.
            await Expect(Input(page, "reply-to")).ToHaveValueAsync("hcastro@cerrocolorado.example.com");
            await Input(page, "reply-text").FillAsync("Hernán, ya lo estamos revisando. Le escribo en una hora.");
            await page.GetByTestId("reply-send").ClickAsync();
            var outbound = page.Locator("[data-testid='message-card'][data-direction='out']").Last;
            await Expect(outbound).ToContainTextAsync("Le escribo en una hora");
            await Expect(outbound).ToContainTextAsync($"[#{number}]");
            await Expect(outbound.GetByTestId("message-delivery")).ToContainTextAsync("En cola para enviar");
            await BrowserFixture.ScreenshotAsync(page, "40-email-reply.png");

            // A bad address is refused before anything is queued.
            await Input(page, "reply-to").FillAsync("no-es-un-email");
            await Input(page, "reply-text").FillAsync("Otro mensaje");
            await page.GetByTestId("reply-send").ClickAsync();
            await Expect(page.GetByTestId("reply-box")).ToContainTextAsync("'no-es-un-email' no es un email válido.");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
