using System.Text.RegularExpressions;
using Ayuda.Features.Customers;
using Microsoft.Playwright;
using Xunit;
using static Ayuda.E2E.Journey;
using static Microsoft.Playwright.Assertions;

namespace Ayuda.E2E;

/// <summary>
/// The procedure's first steps in the browser: Administration logs calls (by keyboard), the agreement gate sends them to
/// Implementation or to the Project Manager, a consultant takes and classifies, the PM regularises and releases.
/// </summary>
public sealed partial class DeskJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Desk-E2e-2026x";

    [Fact]
    public async Task Call_from_a_covered_customer_is_logged_by_keyboard_and_a_consultant_takes_and_classifies_it()
    {
        var api = new DeskApi(fixture.BaseUrl);
        var admin = await api.StaffAsync("Lucía Fernández", Password, "Administration");
        var consultant = await api.StaffAsync("Diego Ramírez", Password, "Consultant");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var customer = await api.CustomerAsync("Cooperativa Agrícola Los Talas", Cuit.Complete("3050012345")!);
        await api.ContactAsync(customer, "Mónica Gutiérrez", "011 4567-8901");
        await api.AgreementAsync(customer, today.AddMonths(-6), today.AddMonths(6));
        var subject = $"No imprime facturas {Guid.NewGuid().ToString("N")[..4]}";

        var page = await fixture.NewPageAsync();
        try
        {
            await LoginAsync(page, admin, Password);
            await page.GetByTestId("nav-intake").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("Registrar llamada");

            // Keyboard only: the number as the caller dictates it, Tab to the matched contact, Enter, subject, Enter.
            await Expect(Input(page, "intake-search")).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync("4567 8901");
            var match = page.GetByTestId("intake-match");
            await Expect(match).ToHaveCountAsync(1);
            await Expect(match).ToContainTextAsync("Cooperativa Agrícola Los Talas");
            await Expect(match.GetByTestId("agreement-badge")).ToContainTextAsync("Vigente hasta");
            await BrowserFixture.ScreenshotAsync(page, "10-intake-match.png");
            await page.Keyboard.PressAsync("Tab");
            await Expect(page.GetByTestId("intake-pick-contact").First).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByTestId("intake-selected-contact")).ToContainTextAsync("Mónica Gutiérrez");
            await Expect(Input(page, "intake-subject")).ToBeFocusedAsync();
            // Typed at a fast person's pace (a key every 30 ms), not all at once: each key is a round trip to the server.
            await page.Keyboard.TypeAsync(subject, new() { Delay = 30 });
            await page.Keyboard.PressAsync("Enter");

            var created = page.GetByTestId("intake-created");
            await Expect(created).ToContainTextAsync("Pendiente en la cola de Implementación");
            var number = (await page.GetByTestId("intake-created-number").TextContentAsync())!.Trim();
            Assert.Matches(@"^\d{4}-\d{6}$", number);
            await BrowserFixture.ScreenshotAsync(page, "11-intake-created.png");
            // The form is ready for the next call.
            await Expect(Input(page, "intake-search")).ToBeFocusedAsync();
            await Expect(Input(page, "intake-search")).ToHaveValueAsync("");

            // A consultant finds it in the Implementation queue, takes it and classifies it.
            var desk = await fixture.NewPageAsync();
            await LoginAsync(desk, consultant, Password);
            await desk.GetByTestId("nav-queue").ClickAsync();
            await Expect(desk.GetByTestId("queue-title")).ToHaveTextAsync("Cola de Implementación");
            var row = desk.Locator("tr").Filter(new() { HasText = number });
            await Expect(row).ToContainTextAsync(subject);
            await Expect(row.GetByTestId("agreement-badge")).ToContainTextAsync("Vigente hasta");
            await BrowserFixture.ScreenshotAsync(desk, "12-queue.png");
            await row.GetByTestId("queue-take").ClickAsync();
            await Expect(desk).ToHaveURLAsync(new Regex($"/tickets/{number}$"));
            // The address changes before the ticket page replaces the queue (whose rows also carry state chips).
            await Expect(desk.GetByTestId("ticket-number")).ToHaveTextAsync(number);
            await Expect(desk.GetByTestId("ticket-state")).ToHaveTextAsync("En curso");
            await Expect(desk.GetByTestId("ticket-assignee")).ToHaveTextAsync("Diego Ramírez");
            await Expect(desk.GetByTestId("ticket-contact")).ToContainTextAsync("Mónica Gutiérrez");

            await ChooseAsync(desk, desk.GetByTestId("ticket-actions"), "Clasificación", "Consulta de uso");
            await Expect(desk.GetByTestId("ticket-classification")).ToHaveTextAsync("Consulta de uso");
            await Expect(desk.GetByTestId("timeline")).ToContainTextAsync("Clasificado como Consulta de uso");

            await Input(desk, "note-text").FillAsync("Se le explicó cómo reimprimir desde el menú Ventas.");
            await desk.GetByTestId("note-add").ClickAsync();
            await Expect(desk.GetByTestId("timeline")).ToContainTextAsync("Se le explicó cómo reimprimir");
            await Expect(desk.GetByTestId("timeline")).ToContainTextAsync("Acuerdo verificado: Vigente hasta");
            await BrowserFixture.ScreenshotAsync(desk, "13-ticket-classified.png");
            if (Environment.GetEnvironmentVariable("AYUDA_UPDATE_SCREENSHOT") == "1")
            {
                File.Copy(Path.Combine(BrowserFixture.ScreenshotDirectory, "13-ticket-classified.png"),
                    Path.Combine(RepositoryRoot(), "docs", "screenshot-ticket.png"), overwrite: true);
                File.Copy(Path.Combine(BrowserFixture.ScreenshotDirectory, "10-intake-match.png"),
                    Path.Combine(RepositoryRoot(), "docs", "screenshot-intake.png"), overwrite: true);
            }
            await desk.Context.CloseAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Call_from_a_customer_whose_agreement_expired_goes_to_the_project_manager_who_releases_it()
    {
        var api = new DeskApi(fixture.BaseUrl);
        var admin = await api.StaffAsync("Martín Sosa", Password, "Administration");
        var manager = await api.StaffAsync("Paula Quiroga", Password, "ProjectManager");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var customer = await api.CustomerAsync("Metalúrgica Río Segundo S.A.", Cuit.Complete("3071590123")!);
        await api.AgreementAsync(customer, today.AddMonths(-26), today.AddMonths(-2));
        var subject = $"Error al cerrar el mes {Guid.NewGuid().ToString("N")[..4]}";

        var page = await fixture.NewPageAsync();
        try
        {
            await LoginAsync(page, admin, Password);
            await OpenAsync(page, "/intake/phone");
            await Input(page, "intake-search").FillAsync("metalurgica rio");
            var match = page.GetByTestId("intake-match");
            await Expect(match).ToContainTextAsync("Metalúrgica Río Segundo S.A.");
            await Expect(match.GetByTestId("agreement-badge")).ToContainTextAsync("No vigente: venció el");
            await match.GetByTestId("intake-pick-customer").ClickAsync();
            await Expect(page.GetByTestId("intake-gate-warning")).ToContainTextAsync("Gerente de Proyectos");
            await Input(page, "intake-subject").FillAsync(subject);
            await page.GetByTestId("intake-create").ClickAsync();
            await Expect(page.GetByTestId("intake-created")).ToContainTextAsync("caso de regularización para el Gerente de Proyectos");
            var number = (await page.GetByTestId("intake-created-number").TextContentAsync())!.Trim();
            await BrowserFixture.ScreenshotAsync(page, "20-intake-regularisation.png");

            // The Project Manager sees it in the regularisation queue, not in Implementation's.
            var pm = await fixture.NewPageAsync();
            await LoginAsync(pm, manager, Password);
            await pm.GetByTestId("nav-regularisation").ClickAsync();
            await Expect(pm.GetByTestId("queue-title")).ToHaveTextAsync("Casos de regularización");
            await pm.GetByTestId("queue-number").Filter(new() { HasText = number }).ClickAsync();
            await Expect(pm.GetByTestId("ticket-number")).ToHaveTextAsync(number);
            await Expect(pm.GetByTestId("ticket-state")).ToHaveTextAsync("En regularización");
            var contactedAt = await pm.GetByTestId("ticket-contacted-at").TextContentAsync();

            // Releasing before an agreement is in force is refused with the reason.
            await pm.GetByTestId("action-release").ClickAsync();
            await Expect(pm.GetByTestId("action-problem")).ToContainTextAsync("todavía no tiene un acuerdo de asistencia vigente");

            // Records a new agreement (the dialog proposes a year from today) and releases the case.
            await pm.GetByTestId("action-record-agreement").ClickAsync();
            await pm.GetByTestId("agreement-add").ClickAsync();
            await pm.GetByTestId("agreement-save").ClickAsync();
            await Expect(pm.GetByTestId("agreement-dialog")).ToBeHiddenAsync();
            await Expect(pm.GetByTestId("customer-title").Locator("xpath=..").GetByTestId("agreement-badge")).ToContainTextAsync("Vigente hasta");
            await pm.GoBackAsync();
            await Expect(pm.GetByTestId("ticket-number")).ToHaveTextAsync(number);
            await pm.GetByTestId("action-release").ClickAsync();
            await Expect(pm.GetByTestId("ticket-state")).ToHaveTextAsync("Pendiente");
            await Expect(pm.GetByTestId("ticket-contacted-at")).ToHaveTextAsync(contactedAt!);
            await Expect(pm.GetByTestId("timeline")).ToContainTextAsync("En regularización → Pendiente");
            await Expect(pm.GetByTestId("ticket-actions")).ToContainTextAsync("En este estado, tus roles no tienen acciones");
            await BrowserFixture.ScreenshotAsync(pm, "21-released.png");
            await pm.Context.CloseAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
