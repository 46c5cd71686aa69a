using Ayuda.Features.Staff;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Ayuda.Infrastructure;

/// <summary>Tells the person who started Ayuda where it is and how to get in.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var url = addresses.FirstOrDefault()?.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) ?? "(no address)";
        var admin = app.Services.GetRequiredService<IOptions<BootstrapOptions>>().Value.AdminEmail;
        app.Logger.LogInformation("Ayuda is serving at {Urls}", string.Join(", ", addresses));
        Console.WriteLine();
        Console.WriteLine($"  Ayuda está lista / is ready:  {url}");
        Console.WriteLine($"  Ingresar / log in:            {url}/account/login  (first admin: {admin})");
        Console.WriteLine($"  API docs:                     {url}/api/docs");
        Console.WriteLine();
    }
}
