using Xunit;
using static Ayuda.E2E.Journey;
using static Microsoft.Playwright.Assertions;

namespace Ayuda.E2E;

/// <summary>
/// The administrator sets the email channel up on the settings page: tests a server before saving and reads what is
/// wrong, is stopped field by field on bad values, saves, and finds the password kept but never shown.
/// </summary>
public sealed class EmailSettingsJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Administrator_tests_fixes_and_saves_the_mail_settings()
    {
        var page = await fixture.NewPageAsync();
        try
        {
            await LoginAsync(page, E2EApp.AdminEmail, E2EApp.AdminPassword);
            await OpenAsync(page, "/settings/email");
            await Expect(page.GetByTestId("settings-origin")).ToContainTextAsync("Valores iniciales de la configuración");

            // "Probar conexión" tries what is typed, before saving, and says what failed in words.
            var smtp = page.GetByTestId("smtp-settings");
            await Input(page, "smtp-host").FillAsync("127.0.0.1");
            await Input(page, "smtp-port").FillAsync("1");
            await ChooseAsync(page, smtp, "Seguridad", "Ninguna");
            await page.GetByTestId("test-smtp").ClickAsync();
            await Expect(page.GetByTestId("test-smtp-result")).ToContainTextAsync("No se pudo conectar a 127.0.0.1:1");

            // Bad values are named next to their fields and nothing is saved.
            await Input(page, "desk-address").FillAsync("mesa-sin-arroba");
            await page.GetByTestId("add-mailbox").ClickAsync();
            var mailbox = page.GetByTestId("mailbox");
            await Expect(mailbox).ToHaveCountAsync(1);
            await page.GetByTestId("save-email-settings").ClickAsync();
            await Expect(page.GetByTestId("desk-settings")).ToContainTextAsync("Escribí una dirección de correo válida");
            await Expect(mailbox).ToContainTextAsync("Falta el servidor.");
            await Expect(page.GetByTestId("settings-problem")).ToContainTextAsync("Revisá los campos marcados.");

            await Input(page, "desk-address").FillAsync("soporte@sistemasdelsur.com.ar");
            await Input(page, "mailbox-host").FillAsync("imap.sistemasdelsur.com.ar");
            await Input(page, "mailbox-user").FillAsync("soporte@sistemasdelsur.com.ar");
            await Input(page, "mailbox-password").FillAsync("clave-del-buzon");
            await page.GetByTestId("save-email-settings").ClickAsync();
            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Configuración de correo guardada");
            await Expect(page.GetByTestId("settings-origin")).ToContainTextAsync("Guardado por Administrador");
            await BrowserFixture.ScreenshotAsync(page, "45-email-settings.png");

            // A fresh load shows what was stored; the password is kept but its field stays empty.
            await OpenAsync(page, "/settings/email");
            await Expect(Input(page, "desk-address")).ToHaveValueAsync("soporte@sistemasdelsur.com.ar");
            await Expect(Input(page, "mailbox-host")).ToHaveValueAsync("imap.sistemasdelsur.com.ar");
            await Expect(Input(page, "smtp-port")).ToHaveValueAsync("1");
            await Expect(Input(page, "mailbox-password")).ToHaveValueAsync("");
            await Expect(page.GetByTestId("mailbox")).ToContainTextAsync("Hay una contraseña guardada");
            Assert.DoesNotContain("clave-del-buzon", await page.ContentAsync());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
