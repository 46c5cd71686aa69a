using System.Text.RegularExpressions;
using Ayuda.Features.Customers;
using Microsoft.Playwright;
using Xunit;
using static Ayuda.E2E.Journey;
using static Microsoft.Playwright.Assertions;

namespace Ayuda.E2E;

/// <summary>
/// The search box of the top bar: a consultant types a word without its accent, the tickets that hold it drop down
/// (the newest with it in the subject first, the other found in its description), ↓ picks one, Enter opens it; Esc
/// closes the list and Enter with nothing picked opens the full results page.
/// </summary>
public sealed class SearchJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Desk-E2e-2026x";

    [Fact]
    public async Task Typing_in_the_top_bar_arrow_down_and_enter_opens_the_ticket()
    {
        var api = new DeskApi(fixture.BaseUrl);
        var consultant = await api.StaffAsync("Tomás Ibarra", Password, "Consultant");
        var word = $"fiscal{Guid.NewGuid().ToString("N")[..6]}";
        string? cuit = null;
        while (cuit is null)
        {
            cuit = Cuit.Complete($"30{Random.Shared.Next(10_000_000, 99_999_999)}");
        }
        var customer = await api.CustomerAsync("Librería Del Centro", cuit);
        var inSubject = (await api.SendAsync(HttpMethod.Post, "/api/v1/intake",
            new { channel = "phone", customerId = customer, subject = $"Configuración de la impresora {word}", description = "No imprime el ticket." })).GetProperty("number").GetString()!;
        var inDescription = (await api.SendAsync(HttpMethod.Post, "/api/v1/intake",
            new { channel = "phone", customerId = customer, subject = "Consulta", description = $"Pregunta por la configuración de la impresora {word} nueva." })).GetProperty("number").GetString()!;

        var page = await fixture.NewPageAsync();
        try
        {
            await LoginAsync(page, consultant, Password);
            var box = page.GetByTestId("search-input");
            await box.FillAsync($"configuracion {word}");
            var results = page.GetByTestId("search-dropdown").GetByTestId("search-result");
            await Expect(results).ToHaveCountAsync(2);
            await Expect(results.First).ToContainTextAsync(inSubject);
            await Expect(results.Nth(1)).ToContainTextAsync(inDescription);
            await Expect(results.First.Locator("mark").First).ToHaveTextAsync("Configuración");
            await Expect(page.GetByTestId("search-dropdown").GetByTestId("search-group").First).ToHaveTextAsync("Tickets");
            await BrowserFixture.ScreenshotAsync(page, "90-search-dropdown.png");

            // ↓ ↓ ↑ lands on the first; Esc closes; ↓ opens again on the first; Enter opens it.
            await box.PressAsync("ArrowDown");
            await box.PressAsync("ArrowDown");
            await Expect(results.Nth(1)).ToHaveAttributeAsync("data-selected", "true");
            await box.PressAsync("ArrowUp");
            await Expect(results.First).ToHaveAttributeAsync("data-selected", "true");
            await box.PressAsync("Escape");
            await Expect(page.GetByTestId("search-dropdown")).ToHaveCountAsync(0);
            await box.PressAsync("ArrowDown");
            await Expect(results.First).ToHaveAttributeAsync("data-selected", "true");
            await box.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new Regex($"/tickets/{inSubject}$"));
            await Expect(page.GetByTestId("ticket-subject")).ToHaveTextAsync($"Configuración de la impresora {word}");

            // Enter with nothing picked: every result on its own page.
            await box.FillAsync(word);
            await Expect(results).ToHaveCountAsync(2);
            await box.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new Regex($"/search\\?q={word}$"));
            await Expect(page.GetByTestId("search-page-tickets")).ToContainTextAsync(inSubject);
            await Expect(page.GetByTestId("search-page-tickets")).ToContainTextAsync(inDescription);
            await BrowserFixture.ScreenshotAsync(page, "91-search-page.png");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
