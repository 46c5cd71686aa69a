using Xunit;
using static Ayuda.E2E.Journey;
using static Microsoft.Playwright.Assertions;

namespace Ayuda.E2E;

/// <summary>
/// The head edits the closing notification: a field that does not exist is pointed out and cannot be saved; once it is
/// fixed the preview shows the new text as the customer would read it, and saving makes it the one in use.
/// </summary>
public sealed class TemplateJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Desk-E2e-2026x";

    [Fact]
    public async Task The_head_fixes_an_unknown_field_sees_the_preview_and_saves_the_closing_text()
    {
        var api = new DeskApi(fixture.BaseUrl);
        var head = await api.StaffAsync("Marta Suárez", Password, "HeadOfImplementation");

        var page = await fixture.NewPageAsync();
        await LoginAsync(page, head, Password);
        await page.GetByTestId("nav-templates").ClickAsync();
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "Plantillas de mensajes" })).ToBeVisibleAsync();
        await InteractiveAsync(page);
        await Expect(page.GetByTestId("template-status")).ToHaveTextAsync("Texto original de Ayuda: todavía nadie lo cambió.");
        await Expect(page.GetByTestId("preview-body")).ToContainTextAsync("Le escribimos para informarle");
        await Expect(page.GetByTestId("template-save")).ToBeDisabledAsync();

        var body = Input(page, "template-body");
        await body.FillAsync("Hola {{ contacto.nombre }}:\nEl caso {{ ticket.number }} quedó resuelto.\n{{ resolution }}");
        await Expect(page.GetByText("Usa campos que este mensaje no tiene: contacto.nombre. Elegí uno de la lista de campos.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("preview-blocked")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("template-save")).ToBeDisabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "90-template-unknown-field.png");

        await body.FillAsync("Hola {{ contact.name }}:\nEl caso {{ ticket.number }} quedó resuelto.\n{{ resolution }}\n");
        await Expect(page.GetByText("Usa campos que este mensaje no tiene")).ToHaveCountAsync(0);
        await page.GetByTestId("field-consultant.name").ClickAsync();
        var preview = page.GetByTestId("preview-body");
        await Expect(preview).ToContainTextAsync("quedó resuelto.");
        await Expect(preview).Not.ToContainTextAsync("Le escribimos para informarle");
        await Expect(preview).Not.ToContainTextAsync("{{");
        await Expect(body).ToHaveValueAsync("Hola {{ contact.name }}:\nEl caso {{ ticket.number }} quedó resuelto.\n{{ resolution }}\n{{ consultant.name }}");
        await BrowserFixture.ScreenshotAsync(page, "91-template-preview.png");

        await page.GetByTestId("template-save").ClickAsync();
        await Expect(page.GetByTestId("template-status")).ToContainTextAsync("Personalizada por Marta Suárez");
        await Expect(page.GetByTestId("template-save")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("template-reset")).ToBeEnabledAsync();

        // What the page saved is what the API (and the closing notification) uses.
        var saved = await api.GetAsync("/api/v1/templates/closing/es");
        Assert.Equal("Hola {{ contact.name }}:\nEl caso {{ ticket.number }} quedó resuelto.\n{{ resolution }}\n{{ consultant.name }}", saved.GetProperty("body").GetString());
        Assert.Equal(1, saved.GetProperty("version").GetInt32());
    }
}
