using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(Ayuda.Tests.Support.PostgresServer))]

namespace Ayuda.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL server for the whole test run: initdb in a temporary folder, started on a free loopback
/// port, stopped and deleted at the end. Needs Debian's postgresql package (./test.sh installs it); without it the
/// PostgreSQL tests fail with that instruction instead of being skipped.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"ayuda-pg-{Guid.NewGuid():N}");
    private string? _binaries;
    private int _port;
    private bool _started;
    private int _databases;

    public async ValueTask InitializeAsync()
    {
        _binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        if (_binaries is null)
        {
            return; // Reported by ConnectionStringFor, so only PostgreSQL tests fail.
        }
        _port = FreePort();
        Directory.CreateDirectory(Path.Combine(_root, "run"));
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", $"-R postgres:postgres {_root}");
        }
        await RunPgAsync(asRoot, "initdb", $"-D {_root}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8");
        await RunPgAsync(asRoot, "pg_ctl",
            $"-D {_root}/data -l {_root}/server.log -w -o \"-c listen_addresses=127.0.0.1 -p {_port} -k {_root}/run -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500\" start");
        _started = true;
    }

    /// <summary>A connection string to a new, empty database of its own.</summary>
    public string ConnectionStringFor(string purpose)
    {
        if (!_started)
        {
            throw new InvalidOperationException(
                "PostgreSQL is not installed here, so the PostgreSQL tests cannot run. Run ./test.sh, which installs it (apt-get install postgresql).");
        }
        var name = $"ayuda_{Interlocked.Increment(ref _databases)}_{purpose.ToLowerInvariant()}";
        name = new string(name.Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').ToArray());
        var admin = $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Pooling=false";
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            command.ExecuteNonQuery();
        }
        return $"Host=127.0.0.1;Port={_port};Username=postgres;Database={name}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await RunPgAsync(Environment.UserName == "root", "pg_ctl", $"-D {_root}/data -m immediate stop");
        }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private Task RunPgAsync(bool asRoot, string tool, string arguments) => asRoot
        ? RunAsync("runuser", $"-u postgres -- {Path.Combine(_binaries!, tool)} {arguments}")
        : RunAsync(Path.Combine(_binaries!, tool), arguments);

    private static async Task RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo("bash", ["-c", $"{file} {arguments}"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' failed ({process.ExitCode}): {await output} {await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
