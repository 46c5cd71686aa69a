using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ayuda.Bench;

/// <summary>
/// <c>load</c>: drives a running Ayuda over HTTP (one <see cref="SocketsHttpHandler"/>, N concurrent workers) through
/// the desk's daily work: intake, the Implementation queue and a filtered one (API and server-rendered page), ticket
/// detail, and search for a rare and a common word. Every latency is recorded and sorted for p50/p95/p99.
/// </summary>
public static partial class LoadBench
{
    private sealed record Outcome(bool Ok, int Status, string? Body);

    private sealed record Scenario(string Name, string What, int Clients, Func<Random, Task<Outcome>> Operation, bool OptionalEndpoint = false);

    public sealed record Result(string Name, string What, int Clients, long Requests, double Seconds, double[] Sorted, long Errors, string? FirstError,
        double RssMb, double HwmMb, bool NotAvailable, double? StolenPercent = null)
    {
        public double Throughput => Requests / Seconds;

        public double Percentile(double p) => Sorted.Length == 0 ? double.NaN : Sorted[Math.Clamp((int)Math.Ceiling(p / 100 * Sorted.Length) - 1, 0, Sorted.Length - 1)];
    }

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var smoke = args.Flag("smoke");
        var url = args.Get("url", "http://127.0.0.1:5080").TrimEnd('/');
        var duration = Seconds(args.Get("duration", smoke ? "2s" : "20s"));
        var warmup = Seconds(args.Get("warmup", smoke ? "0.5s" : "5s"));
        var clients = args.Int("clients", 4);
        var pid = args.Int("ayuda-pid", 0);
        var only = args.Get("scenarios", "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        DeskManifest? manifest = null;
        if (args.Get("manifest", "") is { Length: > 0 } manifestPath)
        {
            manifest = JsonSerializer.Deserialize<DeskManifest>(await File.ReadAllTextAsync(manifestPath));
        }
        var user = args.Get("user", manifest?.HeadEmail ?? DeskGenerator.HeadEmail);
        var password = args.Get("password", manifest?.Password ?? DeskGenerator.Password);

        using var handler = new SocketsHttpHandler
        {
            UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 256,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10), AutomaticDecompression = DecompressionMethods.None,
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        var bearer = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, user, password));
        var cookie = await LoginCookieAsync(http, user, password);
        var desk = await DeskFacts.ReadAsync(http, bearer, manifest);
        Console.WriteLine($"Load on {url} as {user}: {clients} clients for reads, {duration:N1} s per scenario after {warmup:N1} s warm-up; " +
                          $"{desk.Customers.Count} customers, ticket numbers from {desk.Describe()}.");

        // The measured requests read every answer whole but keep a body only when it failed; the desk check keeps them.
        Task<Outcome> Api(HttpMethod method, string path, object? body = null, bool keepBody = false)
        {
            var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Authorization = bearer;
            return SendAsync(http, request, keepBody);
        }
        Task<Outcome> Page(string path, bool keepBody = false)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", cookie);
            return SendAsync(http, request, keepBody);
        }
        async Task<Outcome> Detail(Random random)
        {
            var number = desk.RandomNumber(random);
            var ticket = await Api(HttpMethod.Get, $"/api/v1/tickets/{number}");
            return ticket.Ok ? await Api(HttpMethod.Get, $"/api/v1/tickets/{number}/timeline") : ticket;
        }
        string Filtered(Random random) => random.Next(2) == 0
            ? $"customerId={desk.Customers[random.Next(desk.Customers.Count)].Id}&classification={desk.FilterClassification}"
            : $"assignee={desk.FilterAssigneeId}&state=inProgress";
        // Intake bodies are written before the clock starts, as wrk's are: the load generator shares the machine's two
        // cores with Ayuda, and making Spanish text and JSON for every request took CPU from the server it measures.
        var intakeBodies = Enumerable.Range(0, 4096).Select(i =>
        {
            var random = new Random(i);
            var customer = desk.Customers[random.Next(desk.Customers.Count)];
            return JsonSerializer.SerializeToUtf8Bytes(new
            {
                channel = "phone", customerId = customer.Id, contactId = customer.ContactId == 0 ? (int?)null : customer.ContactId,
                subject = SpanishText.Subject(random, random.Next(3) == 0), description = SpanishText.FromCustomer(random, 300),
            });
        }).ToArray();
        Task<Outcome> Intake(Random random)
        {
            var content = new ByteArrayContent(intakeBodies[random.Next(intakeBodies.Length)]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/intake") { Content = content };
            request.Headers.Authorization = bearer;
            return SendAsync(http, request, keepBody: false);
        }

        await CheckDeskAsync((method, path, body) => Api(method, path, body, keepBody: true), path => Page(path, keepBody: true), desk);

        var scenarios = new List<Scenario>
        {
            new("intake", "POST /api/v1/intake (phone, known customer)", 1, Intake),
            new("intake", "POST /api/v1/intake (phone, known customer)", 4, Intake),
            new("intake", "POST /api/v1/intake (phone, known customer)", 16, Intake),
            new("queue api", "GET /api/v1/tickets?state=pending", clients, _ => Api(HttpMethod.Get, "/api/v1/tickets?state=pending")),
            new("filtered queue api", "GET /api/v1/tickets?customerId=&classification= | ?assignee=&state=inProgress", clients,
                r => Api(HttpMethod.Get, $"/api/v1/tickets?{Filtered(r)}")),
            new("queue page", "GET /tickets?state=pending (pre-rendered HTML)", clients, _ => Page("/tickets?state=pending")),
            new("filtered queue page", "GET /tickets?customerId=&classification= | ?assignee=&state=inProgress", clients, r => Page($"/tickets?{Filtered(r)}")),
            new("detail api", "GET /api/v1/tickets/{n} + /timeline", clients, Detail),
            new("detail page", "GET /tickets/{n} (pre-rendered HTML)", clients, r => Page($"/tickets/{desk.RandomNumber(r)}")),
            new("search rare", $"GET /api/v1/search?q={desk.RareWord} ({desk.RareTickets} tickets)", clients,
                _ => Api(HttpMethod.Get, $"/api/v1/search?q={Uri.EscapeDataString(desk.RareWord)}"), OptionalEndpoint: true),
            new("search common", $"GET /api/v1/search?q={desk.CommonWord} ({desk.CommonTickets:N0} tickets)", clients,
                _ => Api(HttpMethod.Get, $"/api/v1/search?q={Uri.EscapeDataString(desk.CommonWord)}"), OptionalEndpoint: true),
        };
        var selected = scenarios.Where(s => only.Length == 0 || only.Any(o => s.Name.StartsWith(o, StringComparison.OrdinalIgnoreCase))).ToList();
        // The process first. .NET compiles a method again, optimised, once it has run a while (tiered compilation, in
        // the background): a fresh Ayuda renders the queue page at 8-10 ms of CPU for its first half-minute of pages
        // and at 3.5 ms after. A scenario's own warm-up is too short for that, so each kind of request is sent for a
        // while, unmeasured, before any is measured: the figures are those of a server that has been up a minute.
        var warmProcess = Seconds(args.Get("warm-process", smoke ? "0s" : "10s"));
        if (warmProcess > 0)
        {
            Console.WriteLine($"Warming the process: each kind of request for {warmProcess:N0} s, unmeasured ...");
            foreach (var kind in selected.GroupBy(s => s.Name).Select(g => g.MaxBy(s => s.Clients)!))
            {
                await DriveAsync(kind, warmProcess, record: false);
            }
        }
        var results = new List<Result>();
        foreach (var scenario in selected)
        {
            var result = await RunScenarioAsync(scenario, warmup, duration, pid);
            results.Add(result);
            Console.WriteLine(result.NotAvailable
                ? $"  {result.Name,-20} n/a (the endpoint answers 404)"
                : $"  {result.Name,-20} {result.Clients,2} clients  {result.Throughput,8:N0}/s  p50 {result.Percentile(50),7:N1} ms  p95 {result.Percentile(95),7:N1} ms  " +
                  $"p99 {result.Percentile(99),7:N1} ms  errors {result.Errors}{(result.FirstError is null ? "" : $" (first: {result.FirstError})")}" +
                  (result.StolenPercent is { } stolen ? $"  CPU stolen {stolen,4:N1} %" : ""));
        }
        await Task.Delay(500);
        var after = pid > 0 ? Memory(pid) : default;

        Console.WriteLine();
        Console.WriteLine("| date | machine | commit | provider | tickets | scenario | clients | throughput | p50 | p95 | p99 | errors | RSS (max during / peak) | CPU stolen |");
        Console.WriteLine("| --- | --- | --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var prefix = $"| {args.Get("date", DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))} | {args.Get("machine", Environment.MachineName)} | " +
                     $"{args.Get("commit", "?")} | {args.Get("provider", manifest?.Provider ?? "?")} | {args.Get("tickets", manifest?.Tickets.ToString("N0", CultureInfo.InvariantCulture) ?? "?")} |";
        if (args.Get("startup-ms", "") is { Length: > 0 } startup)
        {
            Console.WriteLine($"{prefix} start-up (process → /health 200) | | | {startup} ms | | | | {Mb(args.Get("startup-rss-mb", ""))} | |");
        }
        foreach (var r in results)
        {
            Console.WriteLine(r.NotAvailable
                ? $"{prefix} {r.Name} | {r.Clients} | n/a | | | | | | |"
                : $"{prefix} {r.Name} | {r.Clients} | {r.Throughput:N0}/s | {r.Percentile(50):N1} ms | {r.Percentile(95):N1} ms | {r.Percentile(99):N1} ms | " +
                  $"{r.Errors}{(r.FirstError is null ? "" : $" ({r.FirstError.Replace("|", "\\|", StringComparison.Ordinal)})")} | {(pid > 0 ? $"{r.RssMb:N0} / {r.HwmMb:N0} MB" : "")} | {(r.StolenPercent is { } stolen ? $"{stolen:N1} %" : "")} |");
        }
        if (pid > 0)
        {
            Console.WriteLine($"{prefix} after the run | | | | | | | {after.Rss:N0} / {after.Hwm:N0} MB | |");
        }
        var failed = results.Where(r => r.Errors > 0 || (r.Requests == 0 && !r.NotAvailable)).ToList();
        if (smoke && failed.Count > 0)
        {
            Console.Error.WriteLine($"Smoke run failed: {string.Join(", ", failed.Select(f => $"{f.Name}/{f.Clients} ({f.FirstError ?? "no request completed"})"))}");
            return 1;
        }
        return 0;
    }

    /// <summary>The app reads what the generator wrote: the queue lists tickets, a ticket opens with its timeline and messages, as API and page.</summary>
    private static async Task CheckDeskAsync(Func<HttpMethod, string, object?, Task<Outcome>> api, Func<string, Task<Outcome>> page, DeskFacts desk)
    {
        async Task<JsonElement> Json(string path)
        {
            var outcome = await api(HttpMethod.Get, path, null);
            if (!outcome.Ok)
            {
                throw new InvalidOperationException($"GET {path}: {outcome.Status} {Shorten(outcome.Body)}");
            }
            return JsonDocument.Parse(outcome.Body!).RootElement;
        }
        var listed = (await Json("/api/v1/tickets?open=true&limit=50")).GetProperty("items").GetArrayLength();
        var number = desk.RandomNumber(new Random(2));
        var ticket = await Json($"/api/v1/tickets/{number}");
        var timeline = (await Json($"/api/v1/tickets/{number}/timeline")).GetArrayLength();
        var messages = await Json($"/api/v1/tickets/{number}/messages");
        var html = await page($"/tickets/{number}");
        if (listed == 0 || ticket.GetProperty("number").GetString() != number || timeline == 0 || !html.Ok || !html.Body!.Contains(number, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The generated desk does not read back: {listed} open tickets listed, ticket {number} with {timeline} timeline entries, page {html.Status}.");
        }
        Console.WriteLine($"Checked: the queue lists open tickets; {number} opens ({ticket.GetProperty("state")}, {timeline} timeline entries, " +
                          $"{(messages.ValueKind == JsonValueKind.Array ? messages.GetArrayLength() : 0)} messages) through the API and as a page.");
    }

    private static string Mb(string value) => value.Length == 0 ? "" : $"{value} MB";

    private static async Task<Result> RunScenarioAsync(Scenario scenario, double warmup, double duration, int pid)
    {
        if (scenario.OptionalEndpoint)
        {
            var probe = await scenario.Operation(new Random(1));
            if (probe.Status == 404)
            {
                return new Result(scenario.Name, scenario.What, scenario.Clients, 0, duration, [], 0, null, 0, 0, NotAvailable: true);
            }
        }
        await DriveAsync(scenario, warmup, record: false);
        var maxRss = 0.0;
        using var sampling = new CancellationTokenSource();
        var sampler = pid > 0 ? Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                maxRss = Math.Max(maxRss, Memory(pid).Rss);
                try { await Task.Delay(200, sampling.Token); } catch (OperationCanceledException) { }
            }
        }) : Task.CompletedTask;
        var cpuBefore = CpuTimes();
        var clock = Stopwatch.StartNew();
        var (latencies, errors, firstError) = await DriveAsync(scenario, duration, record: true);
        var seconds = clock.Elapsed.TotalSeconds;
        var stolen = Stolen(cpuBefore, CpuTimes());
        await sampling.CancelAsync();
        await sampler;
        latencies.Sort();
        var hwm = pid > 0 ? Memory(pid).Hwm : 0;
        return new Result(scenario.Name, scenario.What, scenario.Clients, latencies.Count + errors, seconds, [.. latencies], errors, firstError, maxRss, hwm, false, stolen);
    }

    private static async Task<(List<double> Latencies, long Errors, string? FirstError)> DriveAsync(Scenario scenario, double seconds, bool record)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        long errors = 0;
        string? firstError = null;
        var all = new List<double>[scenario.Clients];
        var workers = Enumerable.Range(0, scenario.Clients).Select(w => Task.Run(async () =>
        {
            var random = new Random(w * 7919 + scenario.Clients);
            var mine = all[w] = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var start = Stopwatch.GetTimestamp();
                Outcome outcome;
                try
                {
                    outcome = await scenario.Operation(random);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    outcome = new Outcome(false, 0, $"{e.GetType().Name}: {e.Message}");
                }
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (outcome.Ok)
                {
                    mine.Add(elapsed);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, $"{outcome.Status} {Shorten(outcome.Body)}", null);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return (record ? all.SelectMany(l => l).ToList() : [], errors, firstError);
    }

    private static async Task<Outcome> SendAsync(HttpClient http, HttpRequestMessage request, bool keepBody)
    {
        using (request)
        using (var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            // The whole body is read (what a client waits for). One not kept is read through a small reused buffer: buffered
            // whole, a page's 60-120 KB went to a new large-object array each time, and the client's garbage collections
            // took CPU from the server on the same two cores.
            var ok = response.IsSuccessStatusCode;
            if (ok && !keepBody)
            {
                await using var body = await response.Content.ReadAsStreamAsync();
                var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
                try
                {
                    while (await body.ReadAsync(buffer) > 0)
                    {
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
                return new Outcome(true, (int)response.StatusCode, null);
            }
            return new Outcome(ok, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    private static string Shorten(string? body) =>
        body is null ? "" : Regex.Replace(body, @"\s+", " ") is var flat && flat.Length > 200 ? flat[..200] + "…" : Regex.Replace(body, @"\s+", " ");

    private static async Task<string> TokenAsync(HttpClient http, string user, string password)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { email = user, password });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Token for {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>Signs in through the login page as a browser does (antiforgery cookie and token, then the form post).</summary>
    private static async Task<string> LoginCookieAsync(HttpClient http, string user, string password)
    {
        var cookies = new Dictionary<string, string>();
        using var form = await http.GetAsync("/account/login");
        Collect(form, cookies);
        var html = await form.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html);
        if (!token.Success)
        {
            throw new InvalidOperationException("The login page has no antiforgery token.");
        }
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["Input.Email"] = user, ["Input.Password"] = password,
            }),
        };
        post.Headers.Add("Cookie", Header(cookies));
        using var signedIn = await http.SendAsync(post);
        Collect(signedIn, cookies);
        // A good login redirects away from the account pages with the session cookie set; a bad one shows the form again.
        if (signedIn.StatusCode != HttpStatusCode.Found || signedIn.Headers.Location?.ToString().Contains("/account/", StringComparison.Ordinal) != false)
        {
            throw new InvalidOperationException($"Login as {user} gave no session cookie ({(int)signedIn.StatusCode}).");
        }
        return Header(cookies);
    }

    private static void Collect(HttpResponseMessage response, Dictionary<string, string> cookies)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var value in values)
            {
                var pair = value.Split(';', 2)[0].Split('=', 2);
                cookies[pair[0]] = pair.Length > 1 ? pair[1] : "";
            }
        }
    }

    private static string Header(Dictionary<string, string> cookies) => string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"));

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryField();

    private static double Seconds(string value) =>
        double.Parse(value.TrimEnd('s'), CultureInfo.InvariantCulture);

    /// <summary>
    /// The machine's CPU time so far and the part of it the hypervisor gave to other guests ("steal", from the first line
    /// of /proc/stat, in clock ticks); null where there is no /proc/stat. On a shared VM a scenario measured while
    /// neighbours took a third of the CPU is not comparable with one measured on a quiet host: the tables say which.
    /// </summary>
    private static (long Total, long Steal)? CpuTimes()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // cpu user nice system idle iowait irq softirq steal [guest guest_nice, already counted in user and nice]
            var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            return ticks.Length < 8 ? null : (ticks.Sum(), ticks[7]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The share of the CPU time between two readings that was stolen, in %.</summary>
    private static double? Stolen((long Total, long Steal)? before, (long Total, long Steal)? after) =>
        before is { } b && after is { } a && a.Total > b.Total ? 100.0 * (a.Steal - b.Steal) / (a.Total - b.Total) : null;

    /// <summary>Resident memory now and its peak (VmRSS, VmHWM from /proc/PID/status), in MB.</summary>
    public static (double Rss, double Hwm) Memory(int pid)
    {
        try
        {
            double rss = 0, hwm = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kb(line) / 1024;
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kb(line) / 1024;
                }
            }
            return (rss, hwm);
        }
        catch (IOException)
        {
            return (0, 0);
        }
        static double Kb(string line) => double.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>What the scenarios pick from: customers, ticket numbers, search words (from the generator's manifest, else from the API).</summary>
    private sealed class DeskFacts
    {
        public List<ManifestCustomer> Customers { get; private init; } = [];
        public List<(int Year, long Last)> Counters { get; private init; } = [];
        public List<string> Numbers { get; private init; } = [];
        public string RareWord { get; private init; } = SpanishText.RareWord;
        public int RareTickets { get; private init; }
        public string CommonWord { get; private init; } = SpanishText.CommonWord;
        public int CommonTickets { get; private init; }
        public string FilterClassification { get; private init; } = "error";
        public string FilterAssigneeId { get; private init; } = "none";
        private long Total => Counters.Sum(c => c.Last);

        public string RandomNumber(Random random)
        {
            if (Numbers.Count > 0)
            {
                return Numbers[random.Next(Numbers.Count)];
            }
            // Uniform over the generated history: pick a position, find its year.
            var position = random.NextInt64(Total);
            foreach (var (year, last) in Counters)
            {
                if (position < last)
                {
                    return $"{year:D4}-{position + 1:D6}";
                }
                position -= last;
            }
            throw new InvalidOperationException("No ticket numbers.");
        }

        public string Describe() => Numbers.Count > 0 ? $"{Numbers.Count} listed by the API" : string.Join(", ", Counters.Select(c => $"{c.Year}: {c.Last:N0}"));

        public static async Task<DeskFacts> ReadAsync(HttpClient http, AuthenticationHeaderValue bearer, DeskManifest? manifest)
        {
            if (manifest is not null)
            {
                return new DeskFacts
                {
                    Customers = [.. manifest.Customers],
                    Counters = manifest.Counters.Select(c => (int.Parse(c.Key, CultureInfo.InvariantCulture), c.Value)).OrderBy(c => c.Item1).ToList(),
                    RareWord = manifest.RareWord, RareTickets = manifest.RareTickets, CommonWord = manifest.CommonWord, CommonTickets = manifest.CommonTickets,
                    FilterClassification = manifest.FilterClassification, FilterAssigneeId = manifest.FilterAssigneeId,
                };
            }
            // Without a manifest: tickets and customers the queue shows.
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tickets?limit=200&sort=newest");
            request.Headers.Authorization = bearer;
            using var response = await http.SendAsync(request);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            var items = page.GetProperty("items").EnumerateArray().ToList();
            return new DeskFacts
            {
                Numbers = items.Select(i => i.GetProperty("number").GetString()!).ToList(),
                Customers = items.Where(i => i.TryGetProperty("customerId", out var c) && c.ValueKind == JsonValueKind.Number)
                    .Select(i => new ManifestCustomer(i.GetProperty("customerId").GetInt32(), 0)).Distinct().ToList(),
            };
        }
    }
}
