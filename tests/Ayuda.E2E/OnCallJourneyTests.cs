using Ayuda.Features.Customers;
using Xunit;
using static Ayuda.E2E.Journey;
using static Microsoft.Playwright.Assertions;

namespace Ayuda.E2E;

/// <summary>
/// The head of implementation defines the permanent on-call rotation; everyone sees who is on call in the app bar; a
/// new ticket lights the bell of the consultant on call while they work on another page.
/// </summary>
public sealed class OnCallJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Desk-E2e-2026x";

    [Fact]
    public async Task The_head_defines_a_rotation_everyone_sees_who_is_on_call_and_a_new_ticket_reaches_that_consultant()
    {
        var api = new DeskApi(fixture.BaseUrl);
        var consultant = await api.StaffAsync("Tomás Guardia", Password, "Consultant");
        var head = await api.StaffAsync("Elena Quiroga", Password, "HeadOfImplementation");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var customer = await api.CustomerAsync("Librería del Puerto", Enumerable.Range(1234580, 20).Select(n => Cuit.Complete($"307{n}")).First(c => c is not null)!);
        await api.AgreementAsync(customer, today.AddMonths(-1), today.AddMonths(11));

        var page = await fixture.NewPageAsync();
        var second = await fixture.NewPageAsync();
        try
        {
            await LoginAsync(page, head, Password);
            await Expect(page.GetByTestId("oncall-now")).ToContainTextAsync("Sin guardia");
            await OpenAsync(page, "/oncall");
            await page.GetByTestId("new-rotation").ClickAsync();
            var editor = page.GetByTestId("rotation-editor");
            await Input(page, "rotation-name-input").FillAsync("Guardia de soporte");
            await ChooseAsync(page, editor, "Agregar integrante", "Tomás Guardia");
            await Expect(editor.GetByTestId("rotation-member")).ToContainTextAsync("1. Tomás Guardia");
            await page.GetByTestId("save-rotation").ClickAsync();
            await Expect(page.GetByTestId("rotation-editor")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("rotation-name")).ToHaveTextAsync("Guardia de soporte");
            await Expect(page.GetByTestId("rotation-now")).ToContainTextAsync("Ahora de guardia: Tomás Guardia");
            await Expect(page.GetByTestId("calendar-span").First).ToContainTextAsync("Tomás Guardia");
            await OpenAsync(page, "/oncall");
            await Expect(page.GetByTestId("oncall-now")).ToContainTextAsync("De guardia: Tomás Guardia");
            await BrowserFixture.ScreenshotAsync(page, "90-oncall-rotation.png");

            // The consultant sees it too, and is working on the queue when a call comes in.
            await LoginAsync(second, consultant, Password);
            await Expect(second.GetByTestId("oncall-now")).ToContainTextAsync("De guardia: Tomás Guardia");
            await Expect(second.GetByTestId("notice-count").Locator(".mud-badge")).ToHaveCountAsync(0);
            var ticket = (await api.SendAsync(HttpMethod.Post, "/api/v1/intake",
                new { channel = "phone", customerId = customer, subject = "No anda el punto de venta", description = "Desde esta mañana no factura." })).GetProperty("number").GetString()!;

            await Expect(second.GetByTestId("notice-count")).ToContainTextAsync("1");
            // The bell lit up by itself (the page was not reloaded); the ticket waits for them in the queue.
            await BrowserFixture.ScreenshotAsync(second, "91-oncall-notice.png");
            await OpenAsync(second, $"/tickets/{ticket}");
            await Expect(second.GetByTestId("ticket-state")).ToHaveTextAsync("Pendiente");
        }
        finally
        {
            await page.Context.CloseAsync();
            await second.Context.CloseAsync();
        }
    }
}
