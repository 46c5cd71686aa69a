using Ayuda.Features.Customers;
using Xunit;
using static Ayuda.E2E.Journey;
using static Microsoft.Playwright.Assertions;

namespace Ayuda.E2E;

/// <summary>
/// The new-requirement path after the meeting: the consultant records what was gathered, with a file, and hands it to
/// the Project Manager, who finds it in the requirements queue, reads it and records the decision.
/// </summary>
public sealed class RequirementJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Desk-E2e-2026x";

    [Fact]
    public async Task The_gathered_requirement_goes_to_the_project_manager_who_records_the_decision()
    {
        var api = new DeskApi(fixture.BaseUrl);
        var consultant = await api.StaffAsync("Inés Carranza", Password, "Consultant");
        var manager = await api.StaffAsync("Hernán Vidal", Password, "ProjectManager");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var customer = await api.CustomerAsync("Frigorífico Las Heras", Cuit.Complete("3071666555")!);
        await api.AgreementAsync(customer, today.AddMonths(-3), today.AddMonths(9));
        var ticket = (await api.SendAsync(HttpMethod.Post, "/api/v1/intake",
            new { channel = "phone", customerId = customer, subject = "Quieren trazabilidad por lote", description = "Piden seguir cada lote desde la faena hasta la factura." }))
            .GetProperty("number").GetString()!;

        var page = await fixture.NewPageAsync();
        var second = await fixture.NewPageAsync();
        try
        {
            await LoginAsync(page, consultant, Password);
            await OpenAsync(page, $"/tickets/{ticket}");
            await page.GetByTestId("ticket-actions").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Tomar" }).ClickAsync();
            await Expect(page.GetByTestId("ticket-state")).ToHaveTextAsync("En curso");
            await ChooseAsync(page, page.GetByTestId("ticket-actions"), "Clasificación", "Nuevo requerimiento");
            var panel = page.GetByTestId("ticket-requirement");
            await Expect(panel).ToBeVisibleAsync();

            // Nothing written, nothing handed over.
            await panel.GetByTestId("requirement-handover").ClickAsync();
            await Expect(panel).ToContainTextAsync("Escribí lo relevado");
            await Input(page, "requirement-notes").FillAsync("Trazabilidad por lote: alta en faena, cámaras, despacho y factura. Reporte por lote y por cliente.");
            await page.Locator("[data-testid='requirement-files']").SetInputFilesAsync(new Microsoft.Playwright.FilePayload
            {
                Name = "circuito-lotes.txt", MimeType = "text/plain", Buffer = "Faena → Cámara → Despacho → Factura"u8.ToArray(),
            });
            await Expect(panel).ToContainTextAsync("circuito-lotes.txt");
            await panel.GetByTestId("requirement-handover").ClickAsync();
            await Expect(page.GetByTestId("ticket-state")).ToHaveTextAsync("Resuelto");
            await Expect(page.GetByTestId("ticket-requirement-state")).ToHaveTextAsync("Nuevo");
            await Expect(page.GetByTestId("timeline")).ToContainTextAsync("relevado y entregado al Gerente de Proyectos");
            await BrowserFixture.ScreenshotAsync(page, "87-requirement-handed-over.png");

            // The Project Manager: on the home page, in the queue, with the notes and the file.
            await LoginAsync(second, manager, Password);
            await Expect(second.GetByTestId("new-requirements")).ToContainTextAsync("requerimientos nuevos");
            await OpenAsync(second, "/requirements");
            var row = second.GetByTestId("requirement-queue").Locator("tr").Filter(new() { HasText = "Frigorífico Las Heras" });
            await row.GetByTestId("requirement-link").ClickAsync();
            await InteractiveAsync(second);
            await Expect(second.GetByTestId("requirement-notes-view")).ToContainTextAsync("Trazabilidad por lote");
            await Expect(second.GetByTestId("requirement-file")).ToContainTextAsync("circuito-lotes.txt");
            await second.GetByTestId("requirement-take").ClickAsync();
            await Expect(second.GetByTestId("requirement-state")).ToHaveTextAsync("En revisión");
            await Input(second, "requirement-comment-text").FillAsync("Se cotiza como módulo aparte: 120 horas. Propuesta enviada el lunes.");
            await second.GetByTestId("requirement-decide").ClickAsync();
            await Expect(second.GetByTestId("requirement-state")).ToHaveTextAsync("Decidido");
            await Expect(second.GetByTestId("requirement-comment")).ToContainTextAsync("120 horas");
            await BrowserFixture.ScreenshotAsync(second, "88-requirement-decided.png");

            // The customer has no email on file: the consultant closes the resolved ticket by hand, saying why.
            await OpenAsync(page, $"/tickets/{ticket}");
            await Input(page, "close-by-hand-reason").FillAsync("Sin correo del cliente: se le avisó por teléfono.");
            await page.GetByTestId("action-close").ClickAsync();
            await Expect(page.GetByTestId("ticket-state")).ToHaveTextAsync("Cerrado");
        }
        finally
        {
            await page.Context.CloseAsync();
            await second.Context.CloseAsync();
        }
    }
}
