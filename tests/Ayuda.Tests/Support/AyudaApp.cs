using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ayuda.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ayuda.Tests.Support;

/// <summary>The real host on a real database (a fresh SQLite file, or a fresh PostgreSQL database).</summary>
public sealed class AyudaApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@ayuda.test";
    public const string AdminPassword = "Admin-Test-2026";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"ayuda-test-{Guid.NewGuid():N}");
    private readonly DatabaseProvider _provider;
    private readonly string? _postgres;

    public AyudaApp(DatabaseProvider provider, PostgresServer? postgres = null)
    {
        _provider = provider;
        _postgres = provider == DatabaseProvider.Postgres ? postgres!.ConnectionStringFor("http") : null;
    }

    public string DataDirectory => _dataDirectory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Ayuda:DataDirectory", _dataDirectory);
        builder.UseSetting("Ayuda:Database:Provider", _provider.ToString());
        if (_postgres is not null)
        {
            builder.UseSetting("ConnectionStrings:Ayuda", _postgres);
        }
        builder.UseSetting("Ayuda:Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Ayuda:Bootstrap:AdminPassword", AdminPassword);
    }

    public async Task<string> TokenAsync(string email, string password)
    {
        var response = await CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenBody>())!.Token;
    }

    public async Task<HttpClient> ClientForAsync(string email, string password)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(email, password));
        return client;
    }

    public Task<HttpClient> AdminClientAsync() => ClientForAsync(AdminEmail, AdminPassword);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }

    private sealed record TokenBody(string Token);
}
