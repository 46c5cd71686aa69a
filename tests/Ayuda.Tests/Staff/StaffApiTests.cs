using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ayuda.Data;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Staff;

/// <summary>The foundation's API promises, run over HTTP against each database provider.</summary>
public abstract class StaffApiTests(AyudaApp app) : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Health_reports_the_database_healthy()
    {
        var response = await app.CreateClient().GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task Bootstrap_admin_gets_a_token_that_opens_the_api()
    {
        var client = await app.AdminClientAsync();
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        Assert.Equal(AyudaApp.AdminEmail, me.GetProperty("email").GetString());
        Assert.Contains("SystemAdmin", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_problem_in_spanish()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = AyudaApp.AdminEmail, password = "wrong-password" }, Ct);
        await AssertProblem(response, HttpStatusCode.Unauthorized, "El email o la contraseña no son correctos.");
    }

    [Fact]
    public async Task Anonymous_api_calls_get_401_problem_details()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/staff", Ct);
        await AssertProblem(response, HttpStatusCode.Unauthorized, "POST /api/v1/auth/token");
    }

    [Fact]
    public async Task A_browser_cookie_alone_does_not_open_the_api()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "ayuda.auth=forged");
        var response = await client.GetAsync("/api/v1/me", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_gets_400_problem_details()
    {
        var client = await app.AdminClientAsync();
        var response = await client.PostAsync("/api/v1/staff", new StringContent("{\"email\": ", Encoding.UTF8, "application/json"), Ct);
        await AssertProblem(response, HttpStatusCode.BadRequest, "no es JSON válido");
    }

    [Fact]
    public async Task Admin_creates_a_consultant_who_is_listed_and_cannot_manage_staff()
    {
        var admin = await app.AdminClientAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/staff",
            new { email = "diego@ayuda.test", name = "Diego Ramírez", password = "Consultor-2026", roles = new[] { "Consultant" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/staff?search=diego", Ct);
        var row = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("Diego Ramírez", row.GetProperty("name").GetString());
        Assert.Equal(["Consultant"], row.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());

        var consultant = await app.ClientForAsync("diego@ayuda.test", "Consultor-2026");
        var forbidden = await consultant.GetAsync("/api/v1/staff", Ct);
        await AssertProblem(forbidden, HttpStatusCode.Forbidden, "rol");
        Assert.Equal(HttpStatusCode.OK, (await consultant.GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Invalid_new_staff_gets_every_error_by_field_and_nothing_is_stored()
    {
        var admin = await app.AdminClientAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/staff", new { email = "not-an-email", name = "", password = "short", roles = new[] { "Wizard" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.Contains("Wizard", errors.GetProperty("roles")[0].GetString());

        var weak = await admin.PostAsJsonAsync("/api/v1/staff", new { email = "weak@ayuda.test", name = "Débil", password = "short", roles = new[] { "Consultant" } }, Ct);
        var weakErrors = JsonDocument.Parse(await weak.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
        Assert.Contains("al menos 10 caracteres", weakErrors.GetProperty("password")[0].GetString());

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/staff", Ct);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_deactivated_user_can_neither_get_a_token_nor_use_one_already_issued()
    {
        var admin = await app.AdminClientAsync();
        var created = await (await admin.PostAsJsonAsync("/api/v1/staff",
            new { email = "ana@ayuda.test", name = "Ana Paz", password = "Administra-2026", roles = new[] { "Administration" } }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var ana = await app.ClientForAsync("ana@ayuda.test", "Administra-2026");
        Assert.Equal(HttpStatusCode.OK, (await ana.GetAsync("/api/v1/me", Ct)).StatusCode);

        var deactivate = await admin.PostAsync($"/api/v1/staff/{created.GetProperty("id").GetString()}/deactivate", null, Ct);
        Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ana.GetAsync("/api/v1/me", Ct)).StatusCode);
        var again = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "ana@ayuda.test", password = "Administra-2026" }, Ct);
        await AssertProblem(again, HttpStatusCode.Unauthorized, "desactivada");
    }

    [Fact]
    public async Task The_last_admin_cannot_deactivate_themselves()
    {
        var admin = await app.AdminClientAsync();
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        var response = await admin.PostAsync($"/api/v1/staff/{me.GetProperty("id").GetString()}/deactivate", null, Ct);
        await AssertProblem(response, HttpStatusCode.Conflict, "tu propio usuario");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var admin = await app.AdminClientAsync();
        await admin.PostAsJsonAsync("/api/v1/staff", new { email = "leo@ayuda.test", name = "Leo", password = "Consultor-2026", roles = new[] { "Consultant" } }, Ct);
        var anonymous = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = "leo@ayuda.test", password = "bad" }, Ct);
        }
        var right = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = "leo@ayuda.test", password = "Consultor-2026" }, Ct);
        await AssertProblem(right, HttpStatusCode.Unauthorized, "bloqueada");
    }

    [Fact]
    public async Task OpenApi_lists_the_api_and_the_login_page_speaks_spanish()
    {
        var client = app.CreateClient();
        var openApi = await client.GetStringAsync("/openapi/v1.json", Ct);
        Assert.Contains("/api/v1/auth/token", openApi);
        Assert.Contains("/api/v1/staff", openApi);
        var login = await client.GetStringAsync("/account/login", Ct);
        Assert.Contains("Ingresar", login);
        Assert.Contains("Recordarme en este equipo", login);
        Assert.Contains("lang=\"es-AR\"", login);
    }

    [Fact]
    public async Task Unknown_api_route_is_a_404_problem_not_the_ui()
    {
        var client = await app.AdminClientAsync();
        var response = await client.GetAsync("/api/v1/no-such-thing", Ct);
        await AssertProblem(response, HttpStatusCode.NotFound, "/openapi/v1.json");
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.Contains(detailContains, body.GetProperty("detail").GetString());
    }

    public void Dispose()
    {
        app.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class StaffApiOnSqlite() : StaffApiTests(new AyudaApp(DatabaseProvider.Sqlite));

public sealed class StaffApiOnPostgres(PostgresServer postgres) : StaffApiTests(new AyudaApp(DatabaseProvider.Postgres, postgres));
