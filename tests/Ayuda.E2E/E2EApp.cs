using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Ayuda.E2E;

/// <summary>The real app on a real Kestrel port, with a fresh SQLite data folder.</summary>
public sealed class E2EApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@e2e.test";
    public const string AdminPassword = "Admin-E2e-2026x";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"ayuda-e2e-{Guid.NewGuid():N}");

    public E2EApp() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    /// <summary>Starts the server and returns its base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        return addresses.First().TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // Outside Development the host only serves wwwroot; a build (not a publish) keeps blazor.web.js and
        // MudBlazor's files in the static web assets manifest, so map it as `dotnet run` does in Development.
        builder.UseStaticWebAssets();
        builder.UseSetting("Ayuda:DataDirectory", _dataDirectory);
        builder.UseSetting("Ayuda:Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Ayuda:Bootstrap:AdminPassword", AdminPassword);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
