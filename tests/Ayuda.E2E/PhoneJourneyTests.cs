using Ayuda.Features.Customers;
using Xunit;
using static Ayuda.E2E.Journey;
using static Microsoft.Playwright.Assertions;

namespace Ayuda.E2E;

/// <summary>
/// The switchboard rings: Administration sees who is calling on whatever page they are, registers the call in two
/// keystrokes, and the call log links call and ticket. The consultant then promises a call-back and records it.
/// </summary>
public sealed class PhoneJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Desk-E2e-2026x";

    [Fact]
    public async Task An_incoming_call_pops_up_is_registered_and_called_back()
    {
        var api = new DeskApi(fixture.BaseUrl);
        var admin = await api.StaffAsync("Rosa Medina", Password, "Administration");
        var consultant = await api.StaffAsync("Tomás Ibarra", Password, "Consultant");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var customer = await api.CustomerAsync("Transportes del Litoral", Cuit.Complete("3071112223")!);
        await api.ContactAsync(customer, "Silvia Roldán", "0341 455-1234");
        await api.AgreementAsync(customer, today.AddMonths(-2), today.AddMonths(10));

        var page = await fixture.NewPageAsync();
        var second = await fixture.NewPageAsync();
        try
        {
            await LoginAsync(page, admin, Password);
            // The switchboard gives the number its own way; the notice shows on the page Administration is on.
            var call = await api.PhoneEventAsync(new { @event = "ringing", callId = "pbx-e2e-1", from = "+54 341 4551234", to = "100" });
            var notice = page.GetByTestId("incoming-call");
            await Expect(notice).ToContainTextAsync("Llamada entrante");
            await Expect(notice.GetByTestId("incoming-call-caller")).ToContainTextAsync("Transportes del Litoral · Silvia Roldán");
            await Expect(notice.GetByTestId("agreement-badge")).ToContainTextAsync("Vigente hasta");
            await BrowserFixture.ScreenshotAsync(page, "50-incoming-call.png");

            await notice.GetByTestId("incoming-call-register").ClickAsync();
            await Expect(page.GetByTestId("intake-call")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("intake-selected-contact")).ToContainTextAsync("Silvia Roldán");
            await Input(page, "intake-subject").FillAsync("El remito no toma el peso");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByTestId("intake-created")).ToContainTextAsync("Pendiente");
            var number = (await page.GetByTestId("intake-created-number").TextContentAsync())!.Trim();
            // The form is ready for the next call: empty, and not marking the subject as missing.
            await Expect(Input(page, "intake-subject")).ToHaveValueAsync("");
            await Expect(page.GetByTestId("intake-form")).Not.ToContainTextAsync("Obligatorio");
            // Registered: the notice goes away even before the call ends.
            await Expect(page.GetByTestId("incoming-call")).ToHaveCountAsync(0);

            await api.PhoneEventAsync(new { @event = "hangup", callId = "pbx-e2e-1", from = "+54 341 4551234", to = "100" });
            await OpenAsync(page, "/calls");
            var row = page.GetByTestId("call-log").Locator("tr").Filter(new() { HasText = number });
            await Expect(row).ToContainTextAsync("Transportes del Litoral");
            await Expect(row).ToContainTextAsync("Rosa Medina");
            await Expect(row.GetByTestId("call-state")).ToHaveTextAsync("Atendida");
            await BrowserFixture.ScreenshotAsync(page, "51-call-log.png");

            // A softphone's screen-pop, with the number as the caller typed it: identified with the badge.
            await OpenAsync(page, "/intake/phone?number=" + Uri.EscapeDataString("(0341) 455 1234"));
            await Expect(page.GetByTestId("intake-selected-contact")).ToContainTextAsync("Silvia Roldán");
            await Expect(page.GetByTestId("intake-form").GetByTestId("agreement-badge")).ToContainTextAsync("Vigente hasta");

            // The consultant promises to call back in an hour, then records what came of it.
            await LoginAsync(second, consultant, Password);
            await OpenAsync(second, $"/tickets/{number}");
            await Expect(second.GetByTestId("ticket-number")).ToHaveTextAsync(number);
            var callBacks = second.GetByTestId("callbacks");
            await callBacks.GetByTestId("callback-new").ClickAsync();
            await Input(second, "callback-note").FillAsync("Confirmar el peso del remito 4412");
            await callBacks.GetByTestId("callback-save").ClickAsync();
            var promise = callBacks.GetByTestId("callback");
            await Expect(promise).ToHaveAttributeAsync("data-open", "true");
            await Expect(promise).ToContainTextAsync("+54 341 455-1234");
            await Expect(second.GetByTestId("timeline")).ToContainTextAsync("Llamada a devolver programada: Tomás Ibarra llama");

            await OpenAsync(second, "/callbacks");
            await Expect(second.GetByTestId("callback-list")).ToContainTextAsync(number);
            await OpenAsync(second, $"/tickets/{number}");
            await Input(second, "callback-outcome").FillAsync("Silvia confirmó que ya toma el peso.");
            await second.GetByTestId("callback-complete").ClickAsync();
            await Expect(second.GetByTestId("callback")).ToHaveAttributeAsync("data-open", "false");
            await Expect(second.GetByTestId("timeline")).ToContainTextAsync("Llamada devuelta: Silvia confirmó que ya toma el peso.");
            await BrowserFixture.ScreenshotAsync(second, "52-call-back.png");
            Assert.True(call.GetProperty("id").GetInt64() > 0);
        }
        finally
        {
            await page.Context.CloseAsync();
            await second.Context.CloseAsync();
        }
    }
}
