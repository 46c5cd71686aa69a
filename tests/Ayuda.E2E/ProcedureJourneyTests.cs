using Microsoft.Playwright;
using Xunit;
using static Ayuda.E2E.Journey;
using static Microsoft.Playwright.Assertions;

namespace Ayuda.E2E;

/// <summary>
/// The head of implementation keeps the support procedure up to date: from the seeded revision 04 they draft revision
/// 05 with a change-control row, watch the preview follow the text, and approve it; a consultant then opens the
/// procedure from the help menu and reads revision 05, with 04 in the history and the changed lines highlighted.
/// </summary>
public sealed class ProcedureJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Desk-E2e-2026x";
    private const string NewSentence = "Toda llamada se registra en Ayuda mientras el cliente está en línea.";

    [Fact]
    public async Task The_head_approves_revision_5_and_a_consultant_reads_it_from_the_help_menu()
    {
        var api = new DeskApi(fixture.BaseUrl);
        var head = await api.StaffAsync("Carolina Ibarra", Password, "HeadOfImplementation");
        var consultant = await api.StaffAsync("Diego Ramírez", Password, "Consultant");

        var page = await fixture.NewPageAsync();
        var second = await fixture.NewPageAsync();
        try
        {
            // The head finds the procedure in force (rev. 04) and starts revision 05 from its text.
            await LoginAsync(page, head, Password);
            await page.GetByTestId("nav-procedures").ClickAsync();
            await Expect(page.GetByTestId("procedure-PR-IMP-01-revision")).ToHaveTextAsync("04");
            await InteractiveAsync(page);
            await page.GetByTestId("procedure-PR-IMP-01-new-revision").ClickAsync();
            await Expect(page.GetByTestId("editor-heading")).ToHaveTextAsync("PR-IMP-01 · revisión 05");
            await InteractiveAsync(page);
            var preview = page.GetByTestId("editor-preview");
            await Expect(preview.Locator("h1")).ToHaveTextAsync("Procedimiento de asistencia");

            // The text changes and the preview follows while typing.
            var markdown = Input(page, "editor-markdown");
            var text = await markdown.InputValueAsync();
            Assert.Contains("llamados, emails, WhatsApp.", text);
            await markdown.FillAsync(text.Replace("llamados, emails, WhatsApp.", "llamados, emails, WhatsApp.\n\n" + NewSentence, StringComparison.Ordinal));
            await Expect(preview).ToContainTextAsync(NewSentence);

            // One change-control row, then save the draft.
            await page.GetByTestId("change-add").ClickAsync();
            var row = page.GetByTestId("change-row-0");
            await Input(page, "change-location-0").FillAsync("Contacto");
            await ChooseAsync(page, row, "Motivo del cambio", "Nuevo");
            // On a loaded machine a click while the list is still closing only closes it: wait until it is gone.
            await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
            await Expect(row.Locator(".mud-select").Filter(new() { HasText = "Motivo del cambio" }).First).ToContainTextAsync("Nuevo");
            await Input(page, "change-description-0").FillAsync("Se registra cada llamada en el momento.");
            await page.GetByTestId("editor-save").ClickAsync();
            await Expect(page.GetByTestId("editor-status")).ToContainTextAsync("Borrador de la revisión 05, guardado por Carolina Ibarra");
            await Expect(page.GetByTestId("editor-unsaved")).ToHaveCountAsync(0);
            await BrowserFixture.ScreenshotAsync(page, "95-procedure-draft.png");

            // Approved today, it becomes the revision in force.
            await page.GetByTestId("editor-approve").ClickAsync();
            await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Aprobar revisión" }).ClickAsync();
            await Expect(page.GetByTestId("procedure-current")).ToContainTextAsync("Revisión vigente: 05");
            await Expect(page.GetByTestId("history-4")).ToContainTextAsync("Reemplazada");

            // A consultant opens it from the help menu on any page.
            await LoginAsync(second, consultant, Password);
            await second.GetByTestId("help-menu").Locator("button").ClickAsync();
            await second.GetByTestId("help-PR-IMP-01").ClickAsync();
            await Expect(second.GetByTestId("procedure-shown-revision")).ToHaveTextAsync("Revisión 05");
            await Expect(second.GetByTestId("procedure-shown-state")).ToHaveTextAsync("Vigente");
            await Expect(second.GetByTestId("procedure-body")).ToContainTextAsync(NewSentence);
            await Expect(second.GetByTestId("procedure-changes")).ToContainTextAsync("Se registra cada llamada en el momento.");
            await Expect(second.GetByTestId("procedure-changes")).ToContainTextAsync("Nuevo");
            await Expect(second.GetByTestId("history-5-approval")).ToContainTextAsync("Aprobada por Carolina Ibarra");
            await Expect(second.GetByTestId("history-4")).ToContainTextAsync("Reemplazada");
            // Consultants keep the procedure with the head (rev. 04): they may start the next revision.
            await Expect(second.GetByTestId("procedure-draft-button")).ToHaveCountAsync(1);

            // What changed from 04 to 05: the new sentence, highlighted as added.
            await InteractiveAsync(second);
            await second.GetByTestId("compare-run").ClickAsync();
            await Expect(second.GetByTestId("diff-lines").Locator("[data-kind='added']").Filter(new() { HasText = NewSentence })).ToHaveCountAsync(1);
            await BrowserFixture.ScreenshotAsync(second, "96-procedure-read-by-consultant.png");
        }
        finally
        {
            await page.Context.CloseAsync();
            await second.Context.CloseAsync();
        }
    }
}
