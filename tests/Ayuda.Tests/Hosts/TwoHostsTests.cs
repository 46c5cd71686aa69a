using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ayuda.Tests.Support;
using MimeKit;
using Npgsql;

namespace Ayuda.Tests.Hosts;

/// <summary>
/// Two real Ayuda processes on one PostgreSQL, reading one mailbox and sending through one SMTP server. Intake goes
/// through both, mail arrives while both poll, and one host is killed (SIGKILL) in the middle. Afterwards every
/// answered intake request is exactly one ticket, every mail is exactly one ticket, numbers have no holes, and every
/// acknowledgement reached the SMTP server once — or, only if the killed host had it in hand, again with the same
/// Message-ID, which mail programs show once.
/// </summary>
public sealed class TwoHostsTests(PostgresServer postgres, MailServers mail)
{
    private const int IntakeRequests = 200;
    private const int Mails = 50;

    /// <summary>The last mails, delivered to the mailbox only after the host holding it is dead.</summary>
    private const int MailsAfterKill = 10;
    private const string Password = "Mesa-de-Ayuda-2026";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killing_one_of_two_hosts_loses_nothing_and_does_nothing_twice()
    {
        var database = postgres.ConnectionStringFor("hosts");
        var mailbox = await mail.CreateMailboxAsync();
        var settings = Settings(database, mailbox);
        var run = Guid.NewGuid().ToString("N")[..8];
        // Both start at once on the empty database: migrations, roles, the first admin and the key ring all race.
        await using var a = AyudaProcess.Start("a", settings);
        await using var b = AyudaProcess.Start("b", settings);
        try
        {
            await Task.WhenAll(a.WaitHealthyAsync(), b.WaitHealthyAsync());
            var hosts = new[] { a, b };

            // An intake clerk; a token from host A opens the API on host B too (shared keys).
            var adminToken = await TokenAsync(a, AyudaApp.AdminEmail, AyudaApp.AdminPassword);
            using (var create = Authorized(b, adminToken))
            {
                var clerk = new { email = $"ana.{run}@ayuda.test", name = "Ana Administración", password = Password, roles = new[] { "Administration" } };
                await Api.Json(await create.PostAsJsonAsync("/api/v1/staff", clerk, Ct), HttpStatusCode.Created);
            }
            var token = await TokenAsync(b, $"ana.{run}@ayuda.test", Password);

            var letters = Enumerable.Range(1, Mails)
                .Select(i => Letters.Mail(Letters.NewSender(), mailbox.Address, $"Correo {run} {i:D2}")).ToList();
            foreach (var letter in letters.Take(10))
            {
                await mail.DeliverAsync(mailbox, Letters.Bytes(letter));
            }
            await Eventually.Async(() => CountAsync(database, """SELECT count(*) FROM "InboundMessages" """), n => n >= 3, "the first mails imported", seconds: 120);
            // The host to kill: the one holding the mailbox, whose lease must run out for the survivor to read the rest.
            var holder = await Eventually.Async(() => MailboxHolderAsync(database, hosts), h => h is not null, "a host holding the mailbox", seconds: 60);

            // Intake through both hosts while more mail arrives; the last tenth of the intake and the last mails wait
            // until the kill, so the kill lands in the middle of the stream and the survivor must take the mailbox over.
            var intake = new IntakeDriver(hosts, token, run);
            var driving = intake.RunAsync(IntakeRequests, holdFrom: IntakeRequests * 9 / 10);
            var afterKill = letters.TakeLast(MailsAfterKill).ToList();
            var delivering = Task.Run(async () =>
            {
                foreach (var letter in letters.Skip(10).SkipLast(MailsAfterKill))
                {
                    await mail.DeliverAsync(mailbox, Letters.Bytes(letter));
                }
            }, Ct);
            await Eventually.Async(() => Task.FromResult(intake.Answered), n => n >= IntakeRequests / 3, "a third of the intake answered",
                seconds: 120, everyMilliseconds: 20);

            intake.Dying(holder!);
            holder!.Kill();
            var survivor = holder == a ? b : a;
            // What the killed host had claimed and not yet recorded: these alone may reach the SMTP server twice.
            var inHand = await InHandAsync(database, holder);
            var importedBefore = await CountAsync(database, """SELECT count(*) FROM "InboundMessages" """);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"Killed {holder} after {intake.Answered} intake answers and {importedBefore} mails imported; outbox rows in its hands: {inHand.Count}; survivor {survivor}.");
            intake.Release();
            await delivering;
            // Only now does the rest of the mail reach the mailbox: nobody but the survivor can import it.
            foreach (var letter in afterKill)
            {
                await mail.DeliverAsync(mailbox, Letters.Bytes(letter));
            }
            await driving;
            await Eventually.Async(() => mail.FolderMessageIdsAsync(mailbox, "Processed"), ids => ids.Count >= Mails,
                "every mail moved to Processed by the survivor", seconds: 180);
            Assert.Empty(await mail.FolderMessageIdsAsync(mailbox, "INBOX"));
            var outbox = await Eventually.Async(() => OutboxAsync(database), rows => rows.Count >= Mails && rows.All(r => r.State == "Sent"),
                "every acknowledgement recorded as sent", seconds: 180);

            // Intake: every request answered 201 is exactly one ticket, with the number it was given; a request that
            // died with the host is at most one; no ticket nobody asked for.
            var tickets = await TicketsAsync(database);
            var bySubject = tickets.GroupBy(t => t.Subject).ToDictionary(g => g.Key, g => g.ToList());
            Assert.Empty(intake.Failures);
            Assert.Equal(IntakeRequests, intake.Created.Count);
            foreach (var (subject, number) in intake.Created)
            {
                Assert.True(bySubject.TryGetValue(subject, out var same) && same.Count == 1 && same[0].Number == number,
                    $"'{subject}' answered {number} but the database has [{string.Join(", ", same?.Select(t => t.Number) ?? [])}]");
            }
            Assert.All(intake.Unanswered, s => Assert.True(!bySubject.TryGetValue(s, out var same) || same.Count == 1, $"'{s}' twice"));
            var intakeTickets = tickets.Where(t => t.Subject.StartsWith($"Pedido {run} ", StringComparison.Ordinal)).ToList();
            Assert.All(intakeTickets, t => Assert.True(intake.Created.ContainsKey(t.Subject) || intake.Unanswered.Contains(t.Subject), $"Unasked ticket {t.Subject}"));

            // Mail: every message imported once, one ticket each with the message on it once.
            var inbound = await ListAsync(database, """SELECT "ExternalId", "Outcome" FROM "InboundMessages" WHERE "Channel" = 'Email'""",
                r => (Id: r.GetString(0), Outcome: r.GetString(1)));
            Assert.Equal(letters.Select(l => l.MessageId).Order(), inbound.Select(m => m.Id).Order());
            Assert.All(inbound, m => Assert.Equal("Imported", m.Outcome));
            foreach (var letter in letters)
            {
                Assert.True(bySubject.TryGetValue(letter.Subject!, out var same) && same.Count == 1, $"Mail '{letter.Subject}' is {same?.Count ?? 0} tickets");
            }
            var messages = await ListAsync(database, """SELECT "MessageId" FROM "TicketMessages" WHERE "MessageId" IS NOT NULL""", r => r.GetString(0));
            Assert.All(letters, l => Assert.Single(messages, id => id == l.MessageId));
            // The mails delivered after the kill in particular: the survivor took the mailbox over and imported each once.
            Assert.Equal(survivor, await MailboxHolderAsync(database, hosts));
            Assert.All(afterKill, l => Assert.Single(inbound, m => m.Id == l.MessageId));
            Assert.All(afterKill, l => Assert.Single(tickets, t => t.Subject == l.Subject));

            // Numbers: taken inside each transaction, so a request the killed host had half done gave its number back.
            var numbers = tickets.Select(t => t.Number).ToList();
            Assert.Equal(numbers.Count, numbers.Distinct().Count());
            foreach (var year in numbers.GroupBy(n => n[..4]))
            {
                Assert.Equal(Enumerable.Range(1, year.Count()), year.Select(n => int.Parse(n[5..], CultureInfo.InvariantCulture)).Order());
            }

            // Outbox: one acknowledgement per customer who wrote, each reaching the SMTP server once; twice only with
            // the same Message-ID and only if the killed host was sending it when it died.
            var senders = letters.Select(l => l.From.Mailboxes.Single().Address).ToHashSet(StringComparer.OrdinalIgnoreCase);
            Assert.Equal(senders.Order(StringComparer.OrdinalIgnoreCase), outbox.Select(o => o.To).Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
            var received = await Eventually.Async(async () => (await mail.SentAsync()).Where(m => m.To.Any(senders.Contains)).ToList(),
                sent => outbox.All(o => sent.Any(m => m.MessageId == o.MessageId)), "every acknowledgement at the SMTP server", seconds: 60);
            foreach (var row in outbox)
            {
                var copies = received.Count(m => m.MessageId == row.MessageId);
                Assert.True(copies == 1 || (copies == 2 && inHand.Contains(row.MessageId)),
                    $"{row.MessageId} to {row.To} reached the SMTP server {copies} times (in the killed host's hands: {inHand.Contains(row.MessageId)})");
            }
            Assert.All(received, m => Assert.Contains(outbox, o => o.MessageId == m.MessageId));
            var resent = outbox.Count(o => received.Count(m => m.MessageId == o.MessageId) > 1);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{intake.Created.Count} intake tickets answered, {intake.Unanswered.Count} requests died with the host; {Mails} mails; {resent} acknowledgement(s) re-sent with the same Message-ID.");

            Assert.Equal(HttpStatusCode.OK, (await survivor.Client.GetAsync("health", Ct)).StatusCode);
        }
        catch
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"--- {a} ---\n{a.Output}\n--- {b} ---\n{b.Output}");
            throw;
        }
    }

    /// <summary>The whole configuration, as environment variables: what an operator sets on each host.</summary>
    private Dictionary<string, string> Settings(string database, MailboxUser mailbox) => new()
    {
        ["Ayuda__Database__Provider"] = "Postgres",
        ["ConnectionStrings__Ayuda"] = database,
        ["Ayuda__Bootstrap__AdminEmail"] = AyudaApp.AdminEmail,
        ["Ayuda__Bootstrap__AdminPassword"] = AyudaApp.AdminPassword,
        ["Ayuda__Email__DeskAddress"] = mailbox.Address,
        ["Ayuda__Email__Smtp__Host"] = "127.0.0.1",
        ["Ayuda__Email__Smtp__Port"] = MailPort(),
        ["Ayuda__Email__Smtp__Security"] = "None",
        ["Ayuda__Email__Mailboxes__0__Name"] = "Mesa",
        ["Ayuda__Email__Mailboxes__0__Host"] = "127.0.0.1",
        ["Ayuda__Email__Mailboxes__0__Port"] = ImapPort(),
        ["Ayuda__Email__Mailboxes__0__Security"] = "None",
        ["Ayuda__Email__Mailboxes__0__User"] = mailbox.Address,
        ["Ayuda__Email__Mailboxes__0__Password"] = mailbox.Password,
        ["Ayuda__Email__PollSeconds"] = "1",
        ["Ayuda__Email__OutboxSeconds"] = "1",
        // A dead host's claims run out after 10 s instead of two minutes: the shortest lease allowed with send
        // timeouts of 5 s (a lease must outlast twice the longest send timeout).
        ["Ayuda__Workers__LeaseSeconds"] = "10",
        ["Ayuda__Email__Smtp__TimeoutSeconds"] = "5",
        ["Ayuda__WhatsApp__TimeoutSeconds"] = "5",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Ayuda"] = "Information",
    };

    private string MailPort() => mail.SmtpPort.ToString(CultureInfo.InvariantCulture);

    private string ImapPort() => mail.ImapPort.ToString(CultureInfo.InvariantCulture);

    private static async Task<string> TokenAsync(AyudaProcess host, string email, string password)
    {
        var body = await Api.Json(await host.Client.PostAsJsonAsync("/api/v1/auth/token", new { email, password }, Ct), HttpStatusCode.OK);
        return body.Str("token");
    }

    private static HttpClient Authorized(AyudaProcess host, string token)
    {
        var client = new HttpClient { BaseAddress = host.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The host whose mailbox lease is in force: the owner names the process (machine:pid:guid).</summary>
    private static async Task<AyudaProcess?> MailboxHolderAsync(string database, AyudaProcess[] hosts)
    {
        var owners = await ListAsync(database, """SELECT "Owner" FROM "WorkerLeases" WHERE "Name" = 'imap:Mesa' AND "Until" > now()""", r => r.GetString(0));
        return hosts.FirstOrDefault(h => owners.Any(o => o.Contains($":{h.ProcessId}:", StringComparison.Ordinal)));
    }

    private static async Task<HashSet<string>> InHandAsync(string database, AyudaProcess killed) =>
        [.. await ListAsync(database, $"""SELECT "MessageId" FROM "Outbox" WHERE "State" = 'Queued' AND "LeaseOwner" LIKE '%:{killed.ProcessId}:%'""", r => r.GetString(0))];

    private sealed record OutboxRow(string MessageId, string To, string State);

    private static Task<List<OutboxRow>> OutboxAsync(string database) =>
        ListAsync(database, """SELECT "MessageId", "To", "State" FROM "Outbox" WHERE "Channel" = 'Email'""", r => new OutboxRow(r.GetString(0), r.GetString(1), r.GetString(2)));

    private sealed record TicketRow(string Number, string Subject);

    private static Task<List<TicketRow>> TicketsAsync(string database) =>
        ListAsync(database, """SELECT "Number", "Subject" FROM "Tickets" """, r => new TicketRow(r.GetString(0), r.GetString(1)));

    private static async Task<long> CountAsync(string database, string sql) => (await ListAsync(database, sql, r => r.GetInt64(0)))[0];

    private static async Task<List<T>> ListAsync<T>(string database, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    /// <summary>
    /// Four clients posting intake requests, alternating hosts as a round-robin balancer does. A request that gets no
    /// answer (its host died) is retried on the other host as a new request with its own subject, and the balancer
    /// sends nothing more to the dead host.
    /// </summary>
    private sealed class IntakeDriver(AyudaProcess[] hosts, string token, string run)
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _next;
        private int _answered;
        private volatile AyudaProcess? _dying;

        /// <summary>One 201 per request number (the subject of the attempt that got it).</summary>
        public ConcurrentDictionary<string, string> Created { get; } = new();
        public ConcurrentBag<string> Unanswered { get; } = [];
        public ConcurrentBag<string> Failures { get; } = [];
        public int Answered => Volatile.Read(ref _answered);

        /// <summary>The host is about to be killed: a request it leaves unanswered is expected, and it gets no more.</summary>
        public void Dying(AyudaProcess host) => _dying = host;

        /// <summary>Lets the held requests go.</summary>
        public void Release() => _released.TrySetResult();

        public async Task RunAsync(int requests, int holdFrom)
        {
            var clients = hosts.ToDictionary(h => h, h => Authorized(h, token));
            try
            {
                await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
                {
                    for (var i = Interlocked.Increment(ref _next); i <= requests; i = Interlocked.Increment(ref _next))
                    {
                        if (i >= holdFrom)
                        {
                            await _released.Task.WaitAsync(TimeSpan.FromMinutes(5), Ct);
                        }
                        await SendAsync(clients, i);
                    }
                }, Ct)));
            }
            finally
            {
                foreach (var client in clients.Values)
                {
                    client.Dispose();
                }
            }
        }

        private async Task SendAsync(Dictionary<AyudaProcess, HttpClient> clients, int i)
        {
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                var host = hosts[(i + attempt) % 2];
                if (host == _dying)
                {
                    host = hosts.Single(h => h != _dying);
                }
                var subject = $"Pedido {run} {i:D3}-{attempt}";
                var body = new { channel = "phone", from = "+54 11 4000-0000", subject, description = $"Pedido número {i}" };
                try
                {
                    using var response = await clients[host].PostAsJsonAsync("/api/v1/intake", body, Ct);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var ticket = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
                        Created[subject] = ticket.Str("number");
                        Interlocked.Increment(ref _answered);
                    }
                    else
                    {
                        Failures.Add($"{subject} on {host.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                    }
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !Ct.IsCancellationRequested)
                {
                    // No answer: the host died with the request (it may or may not have committed) or was already gone.
                    Unanswered.Add(subject);
                    if (host != _dying)
                    {
                        Failures.Add($"{subject} on live host {host.Name}: {e.Message}");
                        return;
                    }
                }
            }
            Failures.Add($"Request {i} got no answer after three attempts");
        }
    }
}
