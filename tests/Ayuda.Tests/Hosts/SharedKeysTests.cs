using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Ayuda.Data;
using Ayuda.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ayuda.Tests.Hosts;

/// <summary>
/// Two hosts behind a load balancer without sticky sessions for plain requests: whatever host A issued (the sign-in
/// cookie, an antiforgery token, an API token) host B accepts, because both read the Data Protection keys from the
/// one database. Both hosts start at the same moment on an empty database, the hardest case for the key ring.
/// </summary>
public sealed partial class SharedKeysTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_in_antiforgery_and_api_tokens_of_one_host_are_accepted_by_the_other()
    {
        await using var a = new AyudaApp(DatabaseProvider.Postgres, postgres);
        await using var b = new AyudaApp(a);
        await Task.WhenAll(Task.Run(() => a.Services, Ct), Task.Run(() => b.Services, Ct));
        using var onA = Browser(a);
        using var onB = Browser(b);
        var cookies = new Dictionary<string, string>();

        // The login form comes from A; the browser's next request (the post) lands on B.
        var form = await SendAsync(onA, HttpMethod.Get, "/account/login", cookies);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var signIn = await SendAsync(onB, HttpMethod.Post, "/account/login", cookies, new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = TokenIn(form.Html),
            ["Input.Email"] = AyudaApp.AdminEmail,
            ["Input.Password"] = AyudaApp.AdminPassword,
        });
        Assert.True(signIn.Status == HttpStatusCode.Redirect, $"B refused A's login form: {(int)signIn.Status} {signIn.Html}");
        Assert.True(cookies.ContainsKey("ayuda.auth"), "B did not sign the user in");

        // The cookie B issued opens pages on A; a page from B carries a token A accepts for signing out.
        var home = await SendAsync(onA, HttpMethod.Get, "/", cookies);
        Assert.Equal(HttpStatusCode.OK, home.Status);
        var page = await SendAsync(onB, HttpMethod.Get, "/", cookies);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var signOut = await SendAsync(onA, HttpMethod.Post, "/account/logout", cookies,
            new Dictionary<string, string> { ["__RequestVerificationToken"] = TokenIn(page.Html) });
        Assert.True(signOut.Status == HttpStatusCode.Redirect, $"A refused B's antiforgery token: {(int)signOut.Status}");
        Assert.EndsWith("/account/login", signOut.Location);

        // An API token from A works on B.
        var token = await a.TokenAsync(AyudaApp.AdminEmail, AyudaApp.AdminPassword);
        using var api = b.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/staff", Ct)).StatusCode);
    }

    private static HttpClient Browser(AyudaApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private sealed record Answer(HttpStatusCode Status, string Html, string Location);

    /// <summary>One request as a browser makes it: the cookies it holds go along, the ones set come back into the jar.</summary>
    private static async Task<Answer> SendAsync(HttpClient client, HttpMethod method, string path, Dictionary<string, string> cookies,
        Dictionary<string, string>? form = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }
        using var response = await client.SendAsync(request, Ct);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
        {
            var pair = header.Split(';')[0];
            var equals = pair.IndexOf('=');
            var (name, value) = (pair[..equals], pair[(equals + 1)..]);
            if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                cookies.Remove(name);
            }
            else
            {
                cookies[name] = value;
            }
        }
        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response.Headers.Location?.OriginalString ?? "");
    }

    private static string TokenIn(string html)
    {
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
