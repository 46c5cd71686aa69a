using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ayuda.E2E;

/// <summary>What every journey needs: signing in, finding MudBlazor inputs, and setting up the desk through the real API.</summary>
public static class Journey
{
    public static async Task LoginAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("home-greeting")).ToBeVisibleAsync();
        await InteractiveAsync(page);
    }

    /// <summary>Waits until the page's circuit is connected: clicks before that land on the static prerender.</summary>
    public static Task InteractiveAsync(IPage page) =>
        Expect(page.Locator("[data-testid='circuit'][data-interactive='true']")).ToHaveCountAsync(1);

    /// <summary>A full page load of <paramref name="path"/>, ready for input.</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await InteractiveAsync(page);
    }

    /// <summary>
    /// The input of a MudBlazor field: MudBlazor 9 puts <c>data-testid</c> on the <c>input</c>/<c>textarea</c> itself
    /// (MudTextField, MudCheckBox); older versions put it on the field's root.
    /// </summary>
    public static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], textarea[data-testid='{testId}'], [data-testid='{testId}'] input, [data-testid='{testId}'] textarea").First;

    /// <summary>Opens a MudSelect by its label and picks the option with the given text.</summary>
    public static async Task ChooseAsync(IPage page, ILocator scope, string label, string option)
    {
        await scope.Locator(".mud-select").Filter(new() { HasText = label }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
    }

    /// <summary>The folder holding Ayuda.slnx, found upwards from the test output.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ayuda.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Ayuda.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Sets up staff, customers and agreements through the public API as the bootstrap administrator.</summary>
public sealed class DeskApi(string baseUrl)
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl) };
    private bool _signedIn;

    public async Task<string> StaffAsync(string name, string password, params string[] roles)
    {
        await SignInAsync();
        var email = $"{SearchText.Fold(name.Split(' ')[0])}.{Guid.NewGuid().ToString("N")[..6]}@e2e.test";
        var response = await _http.PostAsJsonAsync("/api/v1/staff", new { email, name, password, roles });
        await EnsureAsync(response);
        return email;
    }

    public async Task<int> CustomerAsync(string name, string taxId, object[]? phones = null)
    {
        await SignInAsync();
        var response = await _http.PostAsJsonAsync("/api/v1/customers", new { name, taxId, phones });
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public async Task ContactAsync(int customerId, string name, string phone)
    {
        var response = await _http.PostAsJsonAsync($"/api/v1/customers/{customerId}/contacts",
            new { name, position = "Jefa de sistemas", phones = new[] { new { number = phone, whatsApp = true } } });
        await EnsureAsync(response);
    }

    public async Task AgreementAsync(int customerId, DateOnly start, DateOnly end)
    {
        var response = await _http.PostAsJsonAsync($"/api/v1/customers/{customerId}/agreements",
            new { start = start.ToString("yyyy-MM-dd"), end = end.ToString("yyyy-MM-dd"), status = "active" });
        await EnsureAsync(response);
    }

    public async Task<string> EmailAsync(string raw)
    {
        await SignInAsync();
        var response = await _http.PostAsync("/api/v1/channels/email/raw", new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(raw)));
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticketNumber").GetString()!;
    }

    /// <summary>The switchboard reports a call event (the administrator's token carries the channel permission).</summary>
    public async Task<JsonElement> PhoneEventAsync(object body)
    {
        await SignInAsync();
        var response = await _http.PostAsJsonAsync("/api/v1/channels/phone/events", body);
        await EnsureAsync(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Any POST or PUT of the API as the administrator; the answer as JSON.</summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object body)
    {
        await SignInAsync();
        var response = await _http.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });
        await EnsureAsync(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Any GET of the API as the administrator, as JSON.</summary>
    public async Task<JsonElement> GetAsync(string path)
    {
        await SignInAsync();
        var response = await _http.GetAsync(path);
        await EnsureAsync(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task ContactWithEmailAsync(int customerId, string name, string email)
    {
        await SignInAsync();
        var response = await _http.PostAsJsonAsync($"/api/v1/customers/{customerId}/contacts", new { name, emails = new[] { email } });
        await EnsureAsync(response);
    }

    private async Task SignInAsync()
    {
        if (_signedIn)
        {
            return;
        }
        var response = await _http.PostAsJsonAsync("/api/v1/auth/token", new { email = E2EApp.AdminEmail, password = E2EApp.AdminPassword });
        await EnsureAsync(response);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _signedIn = true;
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
