using Ayuda.Features.Customers;
using Xunit;
using static Ayuda.E2E.Journey;
using static Microsoft.Playwright.Assertions;

namespace Ayuda.E2E;

/// <summary>Administration registers a new customer and a contact through the UI; the next call from that contact is recognised.</summary>
public sealed class CustomerJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Desk-E2e-2026x";

    [Fact]
    public async Task Administration_registers_a_customer_and_contact_and_the_caller_is_then_recognised()
    {
        var api = new DeskApi(fixture.BaseUrl);
        var admin = await api.StaffAsync("Martín Sosa", Password, "Administration");
        var taxId = Cuit.Complete("3072612345")!;

        var page = await fixture.NewPageAsync();
        try
        {
            await LoginAsync(page, admin, Password);
            await OpenAsync(page, "/customers");
            await page.GetByTestId("customer-new").ClickAsync();
            var dialog = page.GetByTestId("customer-dialog");
            await Expect(dialog).ToBeVisibleAsync();

            // Wrong data first: every field says what is wrong and nothing is saved.
            await Input(page, "customer-name-input").FillAsync("Centro Médico Alto Valle");
            var wrongCheckDigit = taxId[..10] + (char)('0' + ((taxId[10] - '0' + 1) % 10));
            await Input(page, "customer-taxid-input").FillAsync(wrongCheckDigit);
            await Input(page, "customer-phone-input").FillAsync("123");
            await Input(page, "customer-domains-input").FillAsync("gmail.com");
            await page.GetByTestId("customer-save").ClickAsync();
            await Expect(dialog).ToContainTextAsync("no es un CUIT válido");
            await Expect(dialog).ToContainTextAsync("'123' no es un teléfono válido");
            await Expect(dialog).ToContainTextAsync("'gmail.com' es un proveedor de correo público");
            await BrowserFixture.ScreenshotAsync(page, "30-customer-bad-input.png");

            await Input(page, "customer-taxid-input").FillAsync(Cuit.Format(taxId));
            await Input(page, "customer-phone-input").FillAsync("0299 443-2100");
            await Input(page, "customer-domains-input").FillAsync("altovalle.com.ar");
            await page.GetByTestId("customer-save").ClickAsync();
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(page.GetByTestId("customer-title")).ToHaveTextAsync("Centro Médico Alto Valle");
            await Expect(page.GetByTestId("agreement-badge").First).ToContainTextAsync("No vigente: sin acuerdo");

            // A contact with a mobile typed the local way; it is stored and shown in international format.
            await page.GetByTestId("contact-add").ClickAsync();
            var contactDialog = page.GetByTestId("contact-dialog");
            await Input(page, "contact-name-input").FillAsync("Graciela Ortiz");
            await Input(page, "contact-emails-input").FillAsync("gortiz@altovalle.com.ar");
            await Input(page, "contact-phone-input").FillAsync("0299 15 555-0101");
            await page.GetByTestId("contact-save").ClickAsync();
            await Expect(contactDialog).ToBeHiddenAsync();
            await Expect(page.GetByTestId("contacts-table")).ToContainTextAsync("Graciela Ortiz");
            await Expect(page.GetByTestId("contacts-table")).ToContainTextAsync("+54 9 299 555-0101");
            await BrowserFixture.ScreenshotAsync(page, "31-customer-page.png");

            // The next call: typing the contact's email finds the customer card with the contact first.
            await OpenAsync(page, "/intake/phone");
            await Input(page, "intake-search").FillAsync("gortiz@altovalle");
            var match = page.GetByTestId("intake-match");
            await Expect(match).ToContainTextAsync("Centro Médico Alto Valle");
            await Expect(match.GetByTestId("intake-pick-contact").First).ToContainTextAsync("Graciela Ortiz");
            await Expect(match.GetByTestId("agreement-badge")).ToContainTextAsync("No vigente");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
