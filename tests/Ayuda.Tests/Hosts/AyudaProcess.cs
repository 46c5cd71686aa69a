using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ayuda.Tests.Hosts;

/// <summary>
/// A real Ayuda host: the built <c>src/Ayuda</c> run with <c>dotnet Ayuda.dll</c> in a process of its own, configured
/// only through environment variables as an operator would, listening on a loopback port of its own. Killed (SIGKILL)
/// when disposed if still running; its console output is kept to explain a failure.
/// </summary>
public sealed class AyudaProcess : IAsyncDisposable
{
    private const int KeptLines = 400;
    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly string _dataDirectory;

    private AyudaProcess(string name, Process process, int port, string dataDirectory)
    {
        Name = name;
        _process = process;
        Port = port;
        _dataDirectory = dataDirectory;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Name { get; }
    public int Port { get; }
    public int ProcessId => _process.Id;
    public bool Running => !_process.HasExited;

    /// <summary>A client of this host alone (no cookies, no redirects followed).</summary>
    public HttpClient Client { get; }

    /// <summary>The last lines the host wrote to its console.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts a host with <paramref name="settings"/> as environment variables (<c>Ayuda__Email__PollSeconds</c>).</summary>
    public static AyudaProcess Start(string name, IReadOnlyDictionary<string, string> settings)
    {
        var dll = BuiltAyuda();
        var port = FreePort();
        var data = Path.Combine(Path.GetTempPath(), $"ayuda-host-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Ayuda__DataDirectory"] = data;
        // Two hosts on a 2-core machine next to the rest of the suite: the workstation collector keeps each one small.
        start.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}");
        var host = new AyudaProcess(name, process, port, data);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until <c>/health</c> answers 200 (migrations done, workers started).</summary>
    public async Task WaitHealthyAsync(double seconds = 180)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"Host {Name} exited with {_process.ExitCode} while starting:\n{Output}");
            }
            try
            {
                using var response = await Client.GetAsync("health", TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Host {Name} was not healthy after {seconds} s:\n{Output}");
            }
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>SIGKILL: the host dies at once, in the middle of whatever it was doing, as on a power cut.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        Client.Dispose();
        _process.Dispose();
        await Task.Yield();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > KeptLines)
            {
                _output.Dequeue();
            }
        }
    }

    /// <summary>
    /// The Ayuda.dll built next to this test assembly's configuration (<c>src/Ayuda/bin/Debug/net10.0</c> when the tests
    /// run from <c>tests/Ayuda.Tests/bin/Debug/net10.0</c>); the project reference builds it before the tests.
    /// </summary>
    internal static string BuiltAyuda()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Ayuda.slnx")))
        {
            root = root.Parent;
        }
        var candidates = new List<string>();
        if (root is not null)
        {
            candidates.Add(Path.Combine(root.FullName, "src", "Ayuda", "bin", configuration, framework, "Ayuda.dll"));
        }
        // Without the repository around (an artifacts folder), the copy next to the tests runs as well.
        candidates.Add(Path.Combine(testOutput.FullName, "Ayuda.dll"));
        var found = candidates.FirstOrDefault(c => File.Exists(c) && File.Exists(Path.ChangeExtension(c, ".runtimeconfig.json")));
        Assert.True(found is not null, $"No built Ayuda.dll with its runtimeconfig at {string.Join(" or ", candidates)}: build src/Ayuda first.");
        return found!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public override string ToString() => $"{Name} (pid {ProcessId}, port {Port})";
}
