using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

[assembly: AssemblyFixture(typeof(Ayuda.Tests.Support.MailServers))]

namespace Ayuda.Tests.Support;

/// <summary>A mailbox of its own on the test Dovecot: log in over IMAP with <see cref="Address"/> and <see cref="Password"/>.</summary>
public sealed record MailboxUser(string Address, string Password);

/// <summary>
/// A mail smtp4dev caught. Addresses are bare (<c>a@example.test</c>); Message-IDs are without angle brackets, as
/// MimeKit gives them. <see cref="Recipients"/> is the SMTP envelope (RCPT TO, so it includes Bcc).
/// </summary>
public sealed record SentMail(
    string Id,
    DateTimeOffset ReceivedDate,
    string From,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    IReadOnlyList<string> Recipients,
    string Subject,
    string? MessageId,
    string? InReplyTo,
    IReadOnlyList<string> References,
    byte[] Raw,
    MimeMessage Message)
{
    /// <summary>The message as it went over the wire (headers and MIME body), read as UTF-8.</summary>
    public string RawText => Encoding.UTF8.GetString(Raw);
}

/// <summary>
/// Real mail servers for the whole test run, in a temporary folder deleted at the end:
/// Dovecot (IMAP on 127.0.0.1, plaintext login, no TLS) holds the mailboxes Ayuda reads, one fresh mailbox per
/// <see cref="CreateMailboxAsync"/>, each with INBOX and Processed; smtp4dev (SMTP on 127.0.0.1, no TLS) catches what
/// Ayuda sends, read back with <see cref="SentAsync"/>. Both start in the background when the run starts; a member
/// that needs a server waits for it. Needs Debian's dovecot-imapd and the smtp4dev tool in .tools/ (./test.sh
/// installs both); without them the mail tests fail with that instruction.
/// smtp4dev is shared by every test: find your mails by a unique subject or recipient. Tests that call
/// <see cref="StopSmtpAsync"/> or <see cref="ClearSentAsync"/> belong in <c>[Collection(MailServers.Exclusive)]</c>,
/// which runs after the parallel tests, alone.
/// </summary>
public sealed class MailServers : IAsyncLifetime
{
    /// <summary>The collection for tests that stop smtp4dev or clear what it caught.</summary>
    public const string Exclusive = "Mail servers, exclusively";

    private const string DovecotBinary = "/usr/sbin/dovecot";
    private const string DovecotLda = "/usr/lib/dovecot/dovecot-lda";
    private const string MailDomain = "ayuda-mail.test";
    private const string InstallHint = "Run ./test.sh, which installs it";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"ayuda-mail-{Guid.NewGuid():N}");
    private readonly SemaphoreSlim _smtpLock = new(1, 1);
    private readonly ConcurrentDictionary<string, SentMail> _sentById = new();
    private Task _dovecot = Task.CompletedTask;
    private Task _smtp4dev = Task.CompletedTask;
    private Process? _dovecotProcess;
    private Process? _smtp4devProcess;
    private readonly StringBuilder _dovecotOutput = new();
    private readonly StringBuilder _smtp4devOutput = new();
    private string? _smtp4devBinary;
    private HttpClient? _api;
    private int _imapPort;
    private int _smtpPort;
    private int _webPort;
    private int _mailboxes;
    private string _mailUid = "65534";
    private string _mailGid = "65534";

    public string ImapHost => "127.0.0.1";

    public int ImapPort
    {
        get
        {
            _dovecot.GetAwaiter().GetResult();
            return _imapPort;
        }
    }

    public string SmtpHost => "127.0.0.1";

    /// <summary>smtp4dev's SMTP port; the same after <see cref="StopSmtpAsync"/> and <see cref="StartSmtpAsync"/>.</summary>
    public int SmtpPort
    {
        get
        {
            _smtp4dev.GetAwaiter().GetResult();
            return _smtpPort;
        }
    }

    public ValueTask InitializeAsync()
    {
        _imapPort = FreePort();
        _smtpPort = FreePort();
        _webPort = FreePort();
        Directory.CreateDirectory(_root);
        _dovecot = Task.Run(StartDovecotAsync);
        _smtp4dev = Task.Run(async () =>
        {
            _smtp4devBinary = FindSmtp4dev();
            Directory.CreateDirectory(Path.Combine(_root, "smtp4dev", "data"));
            _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_webPort}/"), Timeout = TimeSpan.FromSeconds(30) };
            await StartSmtp4devAsync();
        });
        return ValueTask.CompletedTask;
    }

    /// <summary>A new mailbox nobody else uses: <c>mailbox{n}@ayuda-mail.test</c> with a random password.</summary>
    public async Task<MailboxUser> CreateMailboxAsync()
    {
        await _dovecot;
        var n = Interlocked.Increment(ref _mailboxes);
        var user = new MailboxUser($"mailbox{n}@{MailDomain}", Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant());
        // One passwd-file per user (the path in the config has %u): Dovecot opens a file it has not seen on the first
        // lookup, where a shared file appended to would only be re-read once a second.
        var line = $"{user.Address}:{{PLAIN}}{user.Password}:{_mailUid}:{_mailGid}::{Path.Combine(_root, "dovecot", "mail", $"mailbox{n}")}\n";
        await File.WriteAllTextAsync(Path.Combine(_root, "dovecot", "users", user.Address), line);
        return user;
    }

    /// <summary>Delivers a raw RFC 822 message to the user's INBOX as a mail server would (dovecot-lda).</summary>
    public async Task DeliverAsync(MailboxUser user, byte[] rfc822)
    {
        await _dovecot;
        var start = new ProcessStartInfo(DovecotLda, ["-c", DovecotConfig, "-d", user.Address])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(rfc822);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"dovecot-lda could not deliver to {user.Address} (exit {process.ExitCode}): {await output} {await error} {Tail(DovecotLog())}");
        }
    }

    /// <summary>The Message-IDs (without angle brackets, "" when a mail has none) in a folder, in IMAP UID order.</summary>
    public async Task<IReadOnlyList<string>> FolderMessageIdsAsync(MailboxUser user, string folder)
    {
        await _dovecot;
        var cancellation = TestContext.Current.CancellationToken;
        using var client = new ImapClient();
        await client.ConnectAsync(ImapHost, _imapPort, SecureSocketOptions.None, cancellation);
        await client.AuthenticateAsync(user.Address, user.Password, cancellation);
        var mailFolder = string.Equals(folder, "INBOX", StringComparison.OrdinalIgnoreCase)
            ? client.Inbox
            : await client.GetFolderAsync(folder, cancellation);
        await mailFolder.OpenAsync(FolderAccess.ReadOnly, cancellation);
        var summaries = mailFolder.Count == 0
            ? []
            : await mailFolder.FetchAsync(0, -1, MessageSummaryItems.Envelope | MessageSummaryItems.UniqueId, cancellation);
        await client.DisconnectAsync(true, cancellation);
        return summaries.OrderBy(s => s.UniqueId).Select(s => s.Envelope?.MessageId ?? "").ToList();
    }

    /// <summary>smtp4dev's API now and then answers 500 while it is storing a message under load; asking again a moment later works.</summary>
    private static async Task<T> Retrying<T>(Func<Task<T>> read)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (HttpRequestException e) when (attempt < 5 && (int?)e.StatusCode >= 500)
            {
                await Task.Delay(200 * attempt, TestContext.Current.CancellationToken);
            }
        }
    }

    /// <summary>Every mail smtp4dev caught since the start (or the last <see cref="ClearSentAsync"/>), oldest first.</summary>
    public async Task<IReadOnlyList<SentMail>> SentAsync()
    {
        var api = await ApiAsync();
        var cancellation = TestContext.Current.CancellationToken;
        var sent = new List<SentMail>();
        for (var page = 1; ; page++)
        {
            var query = $"api/messages?page={page}&pageSize=500&sortColumn=receivedDate&sortIsDescending=false";
            using var list = JsonDocument.Parse(await Retrying(() => api.GetStringAsync(query, cancellation)));
            foreach (var summary in list.RootElement.GetProperty("results").EnumerateArray())
            {
                var id = summary.GetProperty("id").GetString()!;
                if (!_sentById.TryGetValue(id, out var mail))
                {
                    // The raw bytes as received (message/rfc822); /raw would decode them to text with a guessed charset.
                    var raw = await Retrying(() => api.GetByteArrayAsync($"api/messages/{id}/download", cancellation));
                    mail = Read(id, summary, raw);
                    _sentById[id] = mail;
                }
                sent.Add(mail);
            }
            if (page >= list.RootElement.GetProperty("pageCount").GetInt32())
            {
                return sent;
            }
        }
    }

    /// <summary>Forgets every mail smtp4dev caught. Shared by all tests: use it only in the <see cref="Exclusive"/> collection.</summary>
    public async Task ClearSentAsync()
    {
        var api = await ApiAsync();
        using var response = await api.DeleteAsync("api/messages/*", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        _sentById.Clear();
    }

    /// <summary>
    /// Kills smtp4dev: connections to <see cref="SmtpPort"/> are refused until <see cref="StartSmtpAsync"/>. What it
    /// caught before is kept (its database is a file). Use it only in the <see cref="Exclusive"/> collection.
    /// </summary>
    public async Task StopSmtpAsync()
    {
        await _smtp4dev;
        await _smtpLock.WaitAsync();
        try
        {
            await KillAsync(_smtp4devProcess);
            _smtp4devProcess = null;
        }
        finally
        {
            _smtpLock.Release();
        }
    }

    /// <summary>Starts smtp4dev again on the same SMTP port, and returns once it accepts mail.</summary>
    public async Task StartSmtpAsync()
    {
        await _smtp4dev;
        await _smtpLock.WaitAsync();
        try
        {
            if (_smtp4devProcess is null)
            {
                await StartSmtp4devAsync();
            }
        }
        finally
        {
            _smtpLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await _dovecot; } catch (Exception) { } // Reported to the tests that used it.
        try { await _smtp4dev; } catch (Exception) { }
        if (_dovecotProcess is { } dovecot)
        {
            // SIGTERM lets the master stop its children; kill the whole tree if it takes too long.
            _ = Kill(dovecot.Id, 15);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await dovecot.WaitForExitAsync(timeout.Token); } catch (OperationCanceledException) { }
            await KillAsync(dovecot);
        }
        await KillAsync(_smtp4devProcess);
        _api?.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private string DovecotConfig => Path.Combine(_root, "dovecot", "dovecot.conf");

    private async Task StartDovecotAsync()
    {
        if (!File.Exists(DovecotBinary) || !File.Exists(DovecotLda))
        {
            throw new InvalidOperationException(
                $"Dovecot is not installed here, so the mail tests cannot run. {InstallHint} (apt-get install dovecot-imapd).");
        }
        var dir = Path.Combine(_root, "dovecot");
        foreach (var sub in new[] { "run", "state", "mail", "users" })
        {
            Directory.CreateDirectory(Path.Combine(dir, sub));
        }
        var asRoot = Environment.UserName == "root";
        string services;
        if (asRoot)
        {
            // Root cannot own a mailbox: the mail belongs to nobody. The passwd-files are read by the dovecot user.
            await RunAsync("bash", ["-c", $"chown 65534:65534 '{dir}/mail' && chown root:dovecot '{dir}/users' && chmod 750 '{dir}/users'"]);
            services = "";
        }
        else
        {
            // Without root Dovecot runs every process as the current user, without chroot, serving only that user's mail.
            _mailUid = (await RunAsync("id", ["-u"])).Trim();
            _mailGid = (await RunAsync("id", ["-g"])).Trim();
            var group = (await RunAsync("id", ["-gn"])).Trim();
            services = $$"""
                default_internal_user = {{Environment.UserName}}
                default_internal_group = {{group}}
                default_login_user = {{Environment.UserName}}
                service anvil {
                  chroot =
                }
                """;
        }
        await File.WriteAllTextAsync(DovecotConfig, $$"""
            base_dir = {{dir}}/run
            state_dir = {{dir}}/state
            log_path = {{dir}}/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:~/Maildir
            # IDLE learns of new mail through inotify; when a busy test run has used up the user's inotify instances
            # (128 by default) Dovecot falls back to looking every mailbox_idle_check_interval (30 s by default), longer
            # than the tests wait. A real server notices at once; so does this one, within a second, either way.
            mailbox_idle_check_interval = 1 secs
            first_valid_uid = 1
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{dir}}/users/%u
            }
            userdb {
              driver = passwd-file
              args = username_format=%u {{dir}}/users/%u
            }
            service imap-login {
              {{(asRoot ? "" : "chroot =")}}
              inet_listener imap {
                address = 127.0.0.1
                port = {{_imapPort}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            namespace inbox {
              inbox = yes
              mailbox Processed {
                auto = create
              }
            }
            {{services}}

            """);
        _dovecotProcess = Launch(DovecotBinary, ["-F", "-c", DovecotConfig], dir, _dovecotOutput);
        await WaitUntilAsync(_dovecotProcess, "Dovecot", TimeSpan.FromSeconds(10), () => Task.FromResult(Accepts(_imapPort)),
            () => $"{Text(_dovecotOutput)} {DovecotLog()}");
    }

    private string DovecotLog()
    {
        var log = Path.Combine(_root, "dovecot", "dovecot.log");
        try { return File.Exists(log) ? File.ReadAllText(log) : ""; } catch (IOException) { return ""; }
    }

    private async Task StartSmtp4devAsync()
    {
        var dir = Path.Combine(_root, "smtp4dev");
        lock (_smtp4devOutput)
        {
            _smtp4devOutput.Clear();
        }
        _smtp4devProcess = Launch(_smtp4devBinary!,
        [
            $"--urls=http://127.0.0.1:{_webPort}",
            $"--smtpport={_smtpPort}",
            "--imapport=",
            "--pop3port=",
            $"--db={Path.Combine(dir, "messages.db")}", // a file, so what arrived survives StopSmtpAsync
            "--nousersettings",
            "--bindaddress=127.0.0.1",
            $"--baseappdatapath={Path.Combine(dir, "data")}",
            "--messagestokeep=100000",
        ], dir, _smtp4devOutput, smtp4dev: true);
        await WaitUntilAsync(_smtp4devProcess, "smtp4dev", TimeSpan.FromSeconds(60), async () =>
        {
            if (!Accepts(_smtpPort))
            {
                return false;
            }
            try
            {
                using var response = await _api!.GetAsync("api/messages?pageSize=1");
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, () => Text(_smtp4devOutput));
    }

    private async Task<HttpClient> ApiAsync()
    {
        await _smtp4dev;
        if (_smtp4devProcess is null)
        {
            throw new InvalidOperationException("smtp4dev is stopped (StopSmtpAsync): start it again with StartSmtpAsync first.");
        }
        return _api!;
    }

    private static SentMail Read(string id, JsonElement summary, byte[] raw)
    {
        var message = MimeMessage.Load(new MemoryStream(raw));
        return new SentMail(
            id,
            summary.GetProperty("receivedDate").GetDateTimeOffset(),
            message.From.Mailboxes.FirstOrDefault()?.Address ?? "",
            message.To.Mailboxes.Select(m => m.Address).ToList(),
            message.Cc.Mailboxes.Select(m => m.Address).ToList(),
            summary.GetProperty("to").EnumerateArray().Select(t => t.GetString()!).ToList(),
            message.Subject ?? "",
            message.MessageId,
            message.InReplyTo,
            message.References.ToList(),
            raw,
            message);
    }

    private static string FindSmtp4dev()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ayuda.slnx")))
            {
                var binary = Path.Combine(dir.FullName, ".tools", "smtp4dev", "smtp4dev");
                return File.Exists(binary)
                    ? binary
                    : throw new InvalidOperationException(
                        $"smtp4dev is not installed in {Path.GetDirectoryName(binary)}, so the mail tests cannot run. {InstallHint} " +
                        "(dotnet tool install Rnwood.Smtp4dev --version 3.15.0 --tool-path .tools/smtp4dev).");
            }
        }
        throw new InvalidOperationException("Ayuda.slnx not found above " + AppContext.BaseDirectory);
    }

    private static Process Launch(string file, string[] arguments, string workingDirectory, StringBuilder output, bool smtp4dev = false)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (smtp4dev)
        {
            // Not the test host's ASP.NET settings. Workstation GC (a small test server needs no heap per core) and no
            // tiered PGO: with both smtp4dev starts about a second sooner.
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k == "DOTNET_ENVIRONMENT").ToList())
            {
                start.Environment.Remove(key);
            }
            start.Environment["DOTNET_gcServer"] = "0";
            start.Environment["DOTNET_TieredPGO"] = "0";
        }
        var process = new Process { StartInfo = start };
        DataReceivedEventHandler keep = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (output)
            {
                output.AppendLine(e.Data);
                if (output.Length > 64_000)
                {
                    output.Remove(0, output.Length - 32_000);
                }
            }
        };
        process.OutputDataReceived += keep;
        process.ErrorDataReceived += keep;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilAsync(Process process, string name, TimeSpan limit, Func<Task<bool>> ready, Func<string> diagnostics)
    {
        var watch = Stopwatch.StartNew();
        while (!await ready())
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(); // and for the last of its output
                throw new InvalidOperationException($"{name} exited ({process.ExitCode}) while starting: {Tail(diagnostics())}");
            }
            if (watch.Elapsed > limit)
            {
                await KillAsync(process);
                throw new InvalidOperationException($"{name} did not start within {limit.TotalSeconds} s: {Tail(diagnostics())}");
            }
            await Task.Delay(50);
        }
    }

    private static async Task KillAsync(Process? process)
    {
        if (process is null)
        {
            return;
        }
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "..." + text[^4000..];

    private static async Task<string> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', arguments)}' failed ({process.ExitCode}): {await output} {await error}");
        }
        return await output;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Tests that stop smtp4dev or clear it: they run after the parallel tests, one at a time.</summary>
[CollectionDefinition(MailServers.Exclusive, DisableParallelization = true)]
public sealed class MailServersExclusiveCollection;
