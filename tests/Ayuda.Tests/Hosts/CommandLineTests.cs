using System.Diagnostics;

namespace Ayuda.Tests.Hosts;

/// <summary>
/// How an operator runs Ayuda's one-off commands: a switch followed by settings on the command line. .NET reads a
/// <c>--key</c> without a value as taking the next argument, so the switch must not swallow the setting after it (the
/// rebuild then quietly worked on the default SQLite file, not the database named).
/// </summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task A_setting_written_after_the_rebuild_switch_names_the_database_the_rebuild_works_on()
    {
        var data = Directory.CreateTempSubdirectory("ayuda-cli-data-").FullName;
        var elsewhere = Directory.CreateTempSubdirectory("ayuda-cli-cwd-").FullName;
        try
        {
            var dll = AyudaProcess.BuiltAyuda();
            var start = new ProcessStartInfo("dotnet", [dll, "--rebuild-search-index", $"--Ayuda:DataDirectory={data}"])
            {
                WorkingDirectory = elsewhere,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment.Remove("Ayuda__DataDirectory");
            start.Environment["DOTNET_gcServer"] = "0";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);

            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{await output}\n{await errors}");
            // The database was created (migrated, then its index rebuilt) where the setting said, and it exited without serving.
            Assert.True(File.Exists(Path.Combine(data, "ayuda.db")), $"no ayuda.db in {data}\n{await output}");
            Assert.Contains("Search index rebuilt", await output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
