using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Ayuda.E2E;

/// <summary>The administrator creates a colleague, who then signs in and sees their own home (Spanish UI).</summary>
public sealed partial class StaffJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Admin_creates_a_user_who_signs_in_and_sees_their_role()
    {
        var page = await fixture.NewPageAsync();
        try
        {
            var suffix = Guid.NewGuid().ToString("N")[..8];
            var email = $"ana.{suffix}@e2e.test";
            const string name = "Ana Torres";
            const string password = "Ana-E2e-2026x";

            // Anonymous visit: redirected to the login page.
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(LoginUrl());
            await Expect(page.Locator("h1")).ToHaveTextAsync("Ingresar");
            await BrowserFixture.ScreenshotAsync(page, "01-login.png");

            // The administrator signs in.
            await LoginAsync(page, E2EApp.AdminEmail, E2EApp.AdminPassword);
            await Expect(page.GetByTestId("home-greeting")).ToContainTextAsync("Hola");
            await BrowserFixture.ScreenshotAsync(page, "02-home-admin.png");
            if (Environment.GetEnvironmentVariable("AYUDA_UPDATE_SCREENSHOT") == "1")
            {
                var docs = Path.Combine(Journey.RepositoryRoot(), "docs");
                Directory.CreateDirectory(docs);
                File.Copy(Path.Combine(BrowserFixture.ScreenshotDirectory, "02-home-admin.png"),
                    Path.Combine(docs, "screenshot-home.png"), overwrite: true);
            }

            // Creates a user with the Administration role.
            await page.GotoAsync("/staff");
            await page.GetByTestId("staff-new").ClickAsync();
            var dialog = page.GetByTestId("staff-create-dialog");
            await Expect(dialog).ToBeVisibleAsync();

            // Bad input first: the dialog stays open and says what to fix, field by field.
            await Input(page, "staff-email").FillAsync("no-es-un-email");
            await page.GetByTestId("staff-save").ClickAsync();
            await Expect(dialog).ToContainTextAsync("'no-es-un-email' no es un email válido.");
            await Expect(dialog).ToContainTextAsync("El nombre es obligatorio.");
            await Expect(dialog).ToContainTextAsync("Elegí al menos un rol.");
            await BrowserFixture.ScreenshotAsync(page, "03a-staff-bad-input.png");
            await Input(page, "staff-email").FillAsync(email);
            await Input(page, "staff-name").FillAsync(name);
            await Input(page, "staff-password").FillAsync(password);
            var role = Input(page, "role-Administration");
            await role.CheckAsync();
            await Expect(role).ToBeCheckedAsync();
            await page.GetByTestId("staff-save").ClickAsync();
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(page.GetByTestId("staff-table")).ToContainTextAsync(email);
            await BrowserFixture.ScreenshotAsync(page, "03-staff-created.png");

            // Signs out.
            await page.GetByTestId("logout").ClickAsync();
            await Expect(page).ToHaveURLAsync(LoginUrl());
            await Expect(page.Locator("h1")).ToHaveTextAsync("Ingresar");

            // The new user signs in and sees their own home, without the staff pages.
            await LoginAsync(page, email, password);
            var greeting = page.GetByTestId("home-greeting");
            await Expect(greeting).ToContainTextAsync("Hola");
            await Expect(greeting).ToContainTextAsync(name);
            await Expect(page.GetByTestId("home-Administration")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("home-Administration")).ToContainTextAsync("Administración");
            await Expect(page.Locator(".mud-navmenu").GetByText("Usuarios")).ToHaveCountAsync(0);
            await Expect(page.Locator("a[href='/staff']")).ToHaveCountAsync(0);
            await BrowserFixture.ScreenshotAsync(page, "04-home-administration.png");

            await page.GotoAsync("/staff");
            await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("staff-table")).ToHaveCountAsync(0);

            // English is a per-user choice: it sticks to the user, and Spanish stays the default for others.
            await page.GotoAsync("/");
            await page.GetByTestId("switch-language").ClickAsync();
            await Expect(page.GetByTestId("home-greeting")).ToContainTextAsync("Hello, " + name);
            await Expect(page.GetByTestId("home-Administration")).ToContainTextAsync("Contacts to identify");
            await BrowserFixture.ScreenshotAsync(page, "06-home-english.png");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Wrong_password_shows_an_error()
    {
        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync("/account/login");
            await LoginAsync(page, E2EApp.AdminEmail, "Not-The-Password-1");
            await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("El email o la contraseña no son correctos.");
            await Expect(page).ToHaveURLAsync(LoginUrl());
            await BrowserFixture.ScreenshotAsync(page, "05-login-error.png");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task LoginAsync(IPage page, string email, string password)
    {
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
    }

    private static ILocator Input(IPage page, string testId) => Journey.Input(page, testId);

    [GeneratedRegex("/account/login")]
    private static partial Regex LoginUrl();
}
