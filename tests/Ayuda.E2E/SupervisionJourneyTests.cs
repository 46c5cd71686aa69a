using Ayuda.Features.Customers;
using Xunit;
using static Ayuda.E2E.Journey;
using static Microsoft.Playwright.Assertions;

namespace Ayuda.E2E;

/// <summary>
/// The head of implementation watches the desk: a ticket that arrives while her dashboard is open shows in the
/// Pending count without reloading; from the count she opens the tickets, assigns it, and from a consultant's load
/// reassigns it to someone else; the report counts it and downloads as CSV.
/// </summary>
public sealed class SupervisionJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Desk-E2e-2026x";

    [Fact]
    public async Task The_dashboard_counts_a_new_ticket_live_and_the_head_drills_down_and_reassigns_it()
    {
        var api = new DeskApi(fixture.BaseUrl);
        var head = await api.StaffAsync("Elena Quiroga", Password, "HeadOfImplementation");
        await api.StaffAsync("Sofía Ramos", Password, "Consultant");
        await api.StaffAsync("Tomás Ibarra", Password, "Consultant");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var customer = await api.CustomerAsync("Librería Rivadavia", Cuit.Complete("3071234580")!);
        await api.AgreementAsync(customer, today.AddMonths(-1), today.AddMonths(11));

        var page = await fixture.NewPageAsync();
        try
        {
            await LoginAsync(page, head, Password);
            await page.GetByTestId("nav-supervision").ClickAsync();
            await InteractiveAsync(page);
            await Expect(page.GetByTestId("sup-pending")).ToHaveTextAsync("0");

            // A phone contact is logged while the dashboard is open: the count moves by itself.
            var ticket = (await api.SendAsync(HttpMethod.Post, "/api/v1/intake",
                new { channel = "phone", customerId = customer, subject = "No imprime remitos", description = "Desde esta mañana." })).GetProperty("number").GetString()!;
            await Expect(page.GetByTestId("sup-pending")).ToHaveTextAsync("1");
            await Expect(page.GetByTestId("sup-age-0").GetByTestId("sup-age-count")).ToHaveTextAsync("1");
            await Expect(page.GetByTestId("sup-oldest-pending")).ToContainTextAsync(ticket);
            await BrowserFixture.ScreenshotAsync(page, "90-supervision-dashboard.png");

            // The count opens its tickets; she assigns the new one to Sofía and it leaves the Pending list.
            await page.GetByTestId("sup-pending").ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tickets\\?state=pending$"));
            await InteractiveAsync(page);
            var row = page.GetByTestId("queue-table").Locator("tr").Filter(new() { HasText = ticket });
            await row.GetByTestId("queue-assign").ClickAsync();
            await page.Locator(".mud-popover-open").GetByText("Sofía Ramos").ClickAsync();
            await Expect(page.GetByText($"Asignaste el ticket {ticket} a Sofía Ramos.")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("queue-empty")).ToBeVisibleAsync();

            // Back on the dashboard: nothing Pending, and Sofía carries it.
            await page.GetByTestId("nav-supervision").ClickAsync();
            await Expect(page.GetByTestId("sup-pending")).ToHaveTextAsync("0");
            var sofia = page.GetByTestId("sup-load-row").Filter(new() { HasText = "Sofía Ramos" });
            await Expect(sofia.GetByTestId("sup-line-count")).ToHaveTextAsync("1");

            // From Sofía's load she moves it to Tomás.
            await sofia.GetByTestId("sup-line-count").ClickAsync();
            await InteractiveAsync(page);
            row = page.GetByTestId("queue-table").Locator("tr").Filter(new() { HasText = ticket });
            await Expect(row.GetByTestId("queue-assignee")).ToHaveTextAsync("Sofía Ramos");
            await row.GetByTestId("queue-assign").ClickAsync();
            await page.Locator(".mud-popover-open").GetByText("Tomás Ibarra").ClickAsync();
            await Expect(page.GetByText($"Asignaste el ticket {ticket} a Tomás Ibarra.")).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "91-supervision-reassigned.png");

            await page.GetByTestId("nav-supervision").ClickAsync();
            await Expect(page.GetByTestId("sup-load-row").Filter(new() { HasText = "Tomás Ibarra" }).GetByTestId("sup-line-count")).ToHaveTextAsync("1");
            await Expect(page.GetByTestId("sup-load-row").Filter(new() { HasText = "Sofía Ramos" }).GetByTestId("sup-line-count")).ToHaveTextAsync("0");

            // The report of the last 30 days counts the ticket under Tomás, and downloads as CSV with the same figures.
            await page.GetByTestId("nav-reports").ClickAsync();
            await InteractiveAsync(page);
            await ChooseAsync(page, page.GetByTestId("report-filters"), "Agrupar por", "Consultor");
            await Expect(page.GetByTestId("report-table").Locator("tr").Filter(new() { HasText = "Tomás Ibarra" }).GetByTestId("report-created")).ToHaveTextAsync("1");
            await Expect(page.GetByTestId("report-total-created")).ToHaveTextAsync("1");
            await BrowserFixture.ScreenshotAsync(page, "92-reports.png");
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("report-csv").ClickAsync());
            var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
            Assert.Contains("\"Tomás Ibarra\",1,0,0,,,0,,", csv);
            Assert.EndsWith(".csv", download.SuggestedFilename);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
