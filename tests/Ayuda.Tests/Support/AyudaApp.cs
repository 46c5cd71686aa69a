using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ayuda.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayuda.Tests.Support;

/// <summary>The real host on a real database (a fresh SQLite file, or a fresh PostgreSQL database).</summary>
public sealed class AyudaApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@ayuda.test";
    public const string AdminPassword = "Admin-Test-2026";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"ayuda-test-{Guid.NewGuid():N}");
    private readonly DatabaseProvider _provider;
    private readonly string? _postgres;
    private bool _ownsData = true;

    public AyudaApp(DatabaseProvider provider, PostgresServer? postgres = null)
    {
        _provider = provider;
        _postgres = provider == DatabaseProvider.Postgres ? postgres!.ConnectionStringFor("http") : null;
    }

    /// <summary>
    /// Another host on the data of <paramref name="previous"/> (the same folder and database, the same settings), as a
    /// restarted server finds it. The new host takes the data over: disposing <paramref name="previous"/> keeps it.
    /// </summary>
    public AyudaApp(AyudaApp previous)
    {
        _provider = previous._provider;
        _postgres = previous._postgres;
        _dataDirectory = previous._dataDirectory;
        foreach (var (key, value) in previous.Settings)
        {
            Settings[key] = value;
        }
        previous._ownsData = false;
    }

    public string DataDirectory => _dataDirectory;

    /// <summary>Extra configuration (<c>Ayuda:Email:...</c>), read when the host starts: fill it before the first request.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>The host's clock (a <c>FakeTimeProvider</c> to move time); the real one when null. Set before the first request.</summary>
    public TimeProvider? Clock { get; set; }

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
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    /// <summary>A context on the host's database, for what the API does not show (inbound records, the outbox).</summary>
    public Task<AyudaDb> DbAsync() =>
        Services.GetRequiredService<IDbContextFactory<AyudaDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

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
        if (_ownsData)
        {
            try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
        }
    }

    private sealed record TokenBody(string Token);
}
