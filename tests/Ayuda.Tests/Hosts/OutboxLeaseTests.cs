using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Ayuda.Data;
using Ayuda.Features.Notifications;
using Ayuda.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ayuda.Tests.Hosts;

/// <summary>
/// A claim on an outbox mail lasts while its send lasts: a lease shorter than the send timeout is refused at start, and a
/// slow SMTP server keeping a send going past the lease does not let another worker claim the mail and send it again.
/// </summary>
public sealed class OutboxLeaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_lease_shorter_than_twice_the_smtp_timeout_stops_the_start_naming_both_settings()
    {
        using var app = new AyudaApp(DatabaseProvider.Sqlite);
        app.Settings["Ayuda:Workers:LeaseSeconds"] = "40";
        app.Settings["Ayuda:Email:Smtp:TimeoutSeconds"] = "30";

        var error = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains("Ayuda:Workers:LeaseSeconds is 40 s but Ayuda:Email:Smtp:TimeoutSeconds is 30 s", error.Message);
        Assert.Contains("(60 s or more)", error.Message);
    }

    [Fact]
    public async Task A_mail_whose_send_outlasts_the_lease_is_not_claimed_by_another_worker_and_goes_out_once()
    {
        // Each line of the greeting comes within the 2 s timeout, the whole send takes 22 s: more than twice the 10 s lease
        // (the shortest allowed with WhatsApp's shortest timeout, 5 s).
        await using var smtp = new SlowSmtpServer(greetingLines: 22, every: TimeSpan.FromSeconds(1));
        await using var app = new AyudaApp(DatabaseProvider.Sqlite);
        app.Settings["Ayuda:Workers:LeaseSeconds"] = "10";
        app.Settings["Ayuda:WhatsApp:TimeoutSeconds"] = "5";
        app.Settings["Ayuda:Email:Smtp:Host"] = "127.0.0.1";
        app.Settings["Ayuda:Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Ayuda:Email:Smtp:Security"] = "None";
        app.Settings["Ayuda:Email:Smtp:TimeoutSeconds"] = "2";
        app.Settings["Ayuda:Email:OutboxSeconds"] = "1";
        _ = app.Services;

        long id;
        await using (var db = await app.DbAsync())
        {
            var mail = new OutboxMessage(OutboxKind.FeedbackAcknowledgement, null, "Mesa <mesa@ayuda.local>", "lenta@cliente.test", "",
                "Respuesta lenta", "Hola", $"<{Guid.NewGuid():N}@ayuda.local>", null, null, DateTimeOffset.UtcNow);
            db.Outbox.Add(mail);
            await db.SaveChangesAsync(Ct);
            id = mail.Id;
        }
        app.Services.GetRequiredService<OutboxSignal>().Notify();

        // The host's own dispatcher connects and is kept waiting; a second worker (another host) tries the outbox meanwhile.
        await smtp.FirstConnection.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        var connected = Stopwatch.StartNew();
        var other = ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.Services);
        var taken = 0;
        while (!await SentAsync(app, id))
        {
            taken += await other.RunOnceAsync(Ct);
            Assert.True(connected.Elapsed < TimeSpan.FromSeconds(60), "the slow send never finished");
            await Task.Delay(250, Ct);
        }

        Assert.True(connected.Elapsed > TimeSpan.FromSeconds(16), $"the send took only {connected.Elapsed}: it did not outlast the lease");
        Assert.Equal(0, taken);
        Assert.Equal(1, smtp.Connections);
        Assert.Equal(["Respuesta lenta"], smtp.Subjects);
    }

    private static async Task<bool> SentAsync(AyudaApp app, long id)
    {
        await using var db = await app.DbAsync();
        return await db.Outbox.AsNoTracking().AnyAsync(o => o.Id == id && o.State == OutboxState.Sent, Ct);
    }

    /// <summary>
    /// A minimal SMTP server on loopback that greets slowly, one continuation line at a time, then takes mail normally:
    /// a send as long as wanted without any single read waiting longer than the client's timeout.
    /// </summary>
    private sealed class SlowSmtpServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<string> _subjects = [];
        private readonly Task _accepting;
        private readonly int _greetingLines;
        private readonly TimeSpan _every;
        private int _connections;

        public SlowSmtpServer(int greetingLines, TimeSpan every)
        {
            _greetingLines = greetingLines;
            _every = every;
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public Task FirstConnection => _first.Task;
        public int Connections => Volatile.Read(ref _connections);

        public IReadOnlyList<string> Subjects
        {
            get
            {
                lock (_subjects)
                {
                    return [.. _subjects];
                }
            }
        }

        private async Task AcceptAsync()
        {
            var sessions = new List<Task>();
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    Interlocked.Increment(ref _connections);
                    _first.TrySetResult();
                    sessions.Add(ServeAsync(client));
                }
            }
            catch (OperationCanceledException)
            {
            }
            await Task.WhenAll(sessions);
        }

        private async Task ServeAsync(TcpClient client)
        {
            using var _ = client;
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                for (var i = 0; i < _greetingLines; i++)
                {
                    await writer.WriteLineAsync($"220-slow.test still getting ready ({i})");
                    await Task.Delay(_every, _stop.Token);
                }
                await writer.WriteLineAsync("220 slow.test ready");
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO" or "HELO":
                            await writer.WriteLineAsync("250 slow.test");
                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 go ahead");
                            string? subject = null;
                            while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                            {
                                if (subject is null && data.StartsWith("Subject: ", StringComparison.OrdinalIgnoreCase))
                                {
                                    subject = data["Subject: ".Length..];
                                }
                            }
                            lock (_subjects)
                            {
                                _subjects.Add(subject ?? "");
                            }
                            await writer.WriteLineAsync("250 queued");
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 bye");
                            return;
                        default:
                            await writer.WriteLineAsync("250 ok");
                            break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting;
            _stop.Dispose();
        }
    }
}
