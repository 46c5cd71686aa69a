using Ayuda.Features.Customers;
using Xunit;
using static Ayuda.E2E.Journey;
using static Microsoft.Playwright.Assertions;

namespace Ayuda.E2E;

/// <summary>
/// The usage-query path in the browser: one query answered and closed in one step during the call; another that
/// exceeds the consultant goes to the head as an internal consultation, is answered on the ticket, and the
/// call-back to the customer closes it.
/// </summary>
public sealed class UsageQueryJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Desk-E2e-2026x";

    [Fact]
    public async Task A_query_is_answered_on_the_line_and_another_goes_to_the_head_and_back_to_the_customer()
    {
        var api = new DeskApi(fixture.BaseUrl);
        var consultant = await api.StaffAsync("Tomás Ledesma", Password, "Consultant");
        var head = await api.StaffAsync("Graciela Ponce", Password, "HeadOfImplementation");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var customer = await api.CustomerAsync("Vivero Los Aromos", Cuit.Complete("3071555444")!);
        await api.ContactAsync(customer, "Rubén Aguirre", "0341 455-2020");
        await api.AgreementAsync(customer, today.AddMonths(-2), today.AddMonths(10));
        string Intake(string subject) => api.SendAsync(HttpMethod.Post, "/api/v1/intake",
            new { channel = "phone", customerId = customer, subject, description = "Llamó Rubén." }).Result.GetProperty("number").GetString()!;
        var quick = Intake("¿Cómo cambio la fecha de un remito?");
        var hard = Intake("¿Se puede facturar en dólares con otro punto de venta?");

        var page = await fixture.NewPageAsync();
        var second = await fixture.NewPageAsync();
        try
        {
            // On the line: answered and closed in one step, straight from Pending.
            await LoginAsync(page, consultant, Password);
            await OpenAsync(page, $"/tickets/{quick}");
            await Input(page, "answer-text").FillAsync("Desde Ventas → Remitos → Editar, mientras no esté facturado.");
            await page.GetByTestId("action-answer-close").ClickAsync();
            await Expect(page.GetByTestId("ticket-state")).ToHaveTextAsync("Cerrado");
            await Expect(page.GetByTestId("ticket-resolution")).ToHaveTextAsync("Desde Ventas → Remitos → Editar, mientras no esté facturado.");
            await Expect(page.GetByTestId("ticket-assignee")).ToHaveTextAsync("Tomás Ledesma");

            // The other exceeds the consultant: an internal consultation to the head.
            await OpenAsync(page, $"/tickets/{hard}");
            await page.GetByTestId("ticket-actions").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Tomar" }).ClickAsync();
            await Expect(page.GetByTestId("ticket-state")).ToHaveTextAsync("En curso");
            await ChooseAsync(page, page.GetByTestId("ticket-actions"), "Clasificación", "Consulta de uso");
            await page.GetByTestId("consult-new").ClickAsync();
            await ChooseAsync(page, page.GetByTestId("consultations"), "A quién consultar", "Graciela Ponce");
            // On a loaded machine the list may still be open, and an Escape sent before it has the keyboard is lost (seen
            // twice in CI): a click on Enviar would only close it. Escape again until it is closed.
            var openList = page.Locator(".mud-popover-open");
            var until = DateTime.UtcNow.AddSeconds(20);
            do
            {
                await page.Keyboard.PressAsync("Escape");
                await page.WaitForTimeoutAsync(250);
            }
            while (await openList.CountAsync() > 0 && DateTime.UtcNow < until);
            await Expect(openList).ToHaveCountAsync(0);
            await Input(page, "consult-question").FillAsync("¿Un segundo punto de venta puede facturar en dólares?");
            await page.GetByTestId("consult-send").ClickAsync();
            await Expect(page.GetByTestId("ticket-state")).ToHaveTextAsync("En consulta interna");
            await Expect(page.GetByTestId("consultation-asked")).ToHaveAttributeAsync("data-answered", "false");
            await BrowserFixture.ScreenshotAsync(page, "85-consultation-asked.png");

            // The head finds it on her home page and answers on the ticket.
            await LoginAsync(second, head, Password);
            await Expect(second.GetByTestId("waiting-consultations")).ToContainTextAsync(hard);
            await second.GetByTestId("waiting-consultations").GetByText(hard).ClickAsync();
            await InteractiveAsync(second);
            await Input(second, "consultation-answer-text").FillAsync("Sí, si el punto de venta está dado de alta para exportación.");
            await second.GetByTestId("consultation-answer-send").ClickAsync();
            await Expect(second.GetByTestId("consultation")).ToHaveAttributeAsync("data-state", "answered");
            await Expect(second.GetByTestId("ticket-state")).ToHaveTextAsync("En curso");

            // The consultant sees the answer as an internal note, calls the customer back, and the call closes the case.
            await OpenAsync(page, $"/tickets/{hard}");
            await Expect(page.GetByTestId("timeline")).ToContainTextAsync("Respuesta a la consulta interna: Sí, si el punto de venta está dado de alta para exportación.");
            var callBacks = page.GetByTestId("callbacks");
            await callBacks.GetByTestId("callback-new").ClickAsync();
            await Input(page, "callback-number").FillAsync("0341 455-2020");
            await callBacks.GetByTestId("callback-save").ClickAsync();
            await Expect(callBacks.GetByTestId("callback")).ToHaveAttributeAsync("data-open", "true");
            await Input(page, "callback-outcome").FillAsync("Le confirmé a Rubén que puede, con el punto de venta de exportación.");
            await Input(page, "callback-close-ticket").CheckAsync();
            await callBacks.GetByTestId("callback-complete").ClickAsync();
            await Expect(page.GetByTestId("ticket-state")).ToHaveTextAsync("Cerrado");
            await Expect(page.GetByTestId("ticket-resolution")).ToHaveTextAsync("Le confirmé a Rubén que puede, con el punto de venta de exportación.");
            await BrowserFixture.ScreenshotAsync(page, "86-consultation-closed.png");
        }
        finally
        {
            await page.Context.CloseAsync();
            await second.Context.CloseAsync();
        }
    }
}
