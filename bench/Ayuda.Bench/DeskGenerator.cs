using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ayuda.Data;
using Ayuda.Features.Customers;
using Ayuda.Features.Incidents;
using Ayuda.Features.Staff;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Ayuda.Bench;

/// <summary>
/// <c>generate</c>: a realistic desk in an empty Ayuda database. Ayuda's own host migrates it and creates the staff
/// (the app's user creation and hashing), customers and incidents (its entities, through EF); tickets are built with
/// the domain's own methods (so states, numbers and timelines are what the app writes) and bulk-loaded raw: prepared
/// INSERTs in big transactions on SQLite, binary COPY on PostgreSQL.
/// </summary>
public static class DeskGenerator
{
    public const string Password = "Bench-Ayuda-2026";
    public const string HeadEmail = "jefa@ayuda.bench";
    private const string DeskAddress = "mesa@ayuda.bench";
    private const int BatchTickets = 10_000;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var provider = args.Get("provider", "sqlite").ToLowerInvariant();
        var connection = args.Get("connection", "");
        var tickets = args.Int("tickets", 10_000);
        var seed = args.Int("seed", 1);
        if (connection.Length == 0 || provider is not ("sqlite" or "postgres"))
        {
            Console.Error.WriteLine("usage: generate --provider sqlite|postgres --connection \"<conn string>\" --tickets N [--seed N] [--manifest FILE]");
            return 2;
        }
        var manifestPath = args.Get("manifest", provider == "sqlite" ? Path.Combine(BenchHost.SqliteFolder(connection), "desk.json") : "desk.json");
        var total = Stopwatch.StartNew();
        var random = new Random(seed);
        var settings = BenchHost.DatabaseSettings(provider, connection);
        settings.AddRange(["--Ayuda:Bootstrap:AdminEmail=admin@ayuda.bench", $"--Ayuda:Bootstrap:AdminPassword={Password}",
            $"--Ayuda:Email:DeskAddress={DeskAddress}"]);

        Console.WriteLine($"Generating a desk of {tickets:N0} tickets ({provider}, seed {seed}) …");
        Desk desk;
        IModel model;
        var step = Stopwatch.StartNew();
        await using (var app = BenchHost.Build(settings))
        {
            await app.StartAsync(); // migrates the empty database and creates the first admin
            var contexts = app.Services.GetRequiredService<IDbContextFactory<AyudaDb>>();
            await using (var db = await contexts.CreateDbContextAsync())
            {
                if (await db.Tickets.AnyAsync() || await db.Customers.AnyAsync())
                {
                    Console.Error.WriteLine("The database is not empty: generate needs an empty one (a new SQLite folder or a new PostgreSQL database).");
                    return 1;
                }
                model = db.Model;
            }
            var clock = app.Services.GetRequiredService<DeskClock>();
            desk = new Desk(clock.UtcNow, clock.Today, clock.TimeZone, random);
            await CreateStaffAsync(app.Services, desk, tickets);
            Console.WriteLine($"  staff: {desk.Consultants.Count} consultants, head, administration, PM, R&D ({step.Elapsed.TotalSeconds:N1} s with migrations)");
            step.Restart();
            await CreateCustomersAsync(contexts, desk, Math.Max(20, tickets / 250));
            Console.WriteLine($"  customers: {desk.Customers.Count:N0} with {desk.Customers.Sum(c => c.Contacts.Length):N0} contacts ({step.Elapsed.TotalSeconds:N1} s)");
            step.Restart();
            await CreateIncidentsAsync(contexts, desk, Math.Max(5, tickets / 200));
            Console.WriteLine($"  incidents: {desk.Incidents.Count:N0} ({step.Elapsed.TotalSeconds:N1} s)");
            await app.StopAsync();
        }
        SqliteConnection.ClearAllPools();

        step.Restart();
        var loaded = provider == "sqlite"
            ? await LoadSqliteAsync(connection, model, desk, tickets)
            : await LoadPostgresAsync(connection, model, desk, tickets);
        var seconds = step.Elapsed.TotalSeconds;
        Console.WriteLine($"  tickets: {loaded.Tickets:N0} tickets, {loaded.Messages:N0} messages, {loaded.Timeline:N0} timeline entries in {seconds:N1} s " +
                          $"({loaded.Tickets / seconds:N0} tickets/s, {(loaded.Tickets + loaded.Messages + loaded.Timeline) / seconds:N0} rows/s)");

        step.Restart();
        var rebuilt = await RebuildSearchIndexAsync(settings);
        if (rebuilt)
        {
            Console.WriteLine($"  search index rebuilt ({step.Elapsed.TotalSeconds:N1} s)");
        }
        step.Restart();
        await AnalyzeAsync(provider, connection);
        Console.WriteLine($"  {(provider == "sqlite" ? "ANALYZE" : "VACUUM (FREEZE, ANALYZE)")} ({step.Elapsed.TotalSeconds:N1} s)");

        var manifest = desk.Manifest(tickets, seed, provider);
        await File.WriteAllTextAsync(manifestPath, JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"Search words: rare \"{SpanishText.RareWord}\" in {desk.RareCount} tickets, common \"{SpanishText.CommonWord}\" in {desk.CommonCount:N0} tickets.");
        Console.WriteLine($"Staff log in with password {Password}: head {HeadEmail}, consultant {desk.Consultants[0].Email}, administration {desk.Administration[0].Email}.");
        Console.WriteLine($"Manifest: {Path.GetFullPath(manifestPath)}");
        Console.WriteLine($"Done in {total.Elapsed.TotalSeconds:N1} s.");
        return 0;
    }

    private static async Task CreateStaffAsync(IServiceProvider services, Desk desk, int tickets)
    {
        var create = services.GetRequiredService<CreateStaffUser>();
        async Task<Person> Add(string email, string name, params string[] roles)
        {
            var outcome = await create.ExecuteAsync(new NewStaffUser(email, name, Password, roles), CancellationToken.None);
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"{email}: {string.Join(" ", outcome.Messages)}");
            }
            return new Person(outcome.Value!.Id, name, email);
        }
        desk.Head = await Add(HeadEmail, "Carolina Ibarra", Roles.HeadOfImplementation, Roles.Consultant, Roles.Administration);
        var consultants = Math.Clamp(tickets / 25_000, 4, 40);
        for (var i = 0; i < consultants; i++)
        {
            desk.Consultants.Add(await Add($"consultor{i + 1:00}@ayuda.bench", $"{Names.First[i % Names.First.Length]} {Names.Last[(i * 7 + 3) % Names.Last.Length]}", Roles.Consultant));
        }
        desk.Administration.Add(await Add("administracion1@ayuda.bench", "Lucía Fernández", Roles.Administration));
        desk.Administration.Add(await Add("administracion2@ayuda.bench", "Martín Sosa", Roles.Administration));
        desk.ProjectManager = await Add("proyectos@ayuda.bench", "Paula Quiroga", Roles.ProjectManager);
        desk.RnD = await Add("desarrollo@ayuda.bench", "Ricardo Benítez", Roles.RnDManager);
    }

    private static async Task CreateCustomersAsync(IDbContextFactory<AyudaDb> contexts, Desk desk, int count)
    {
        var random = desk.Random;
        var taxIds = new HashSet<string>();
        for (var start = 0; start < count; start += 500)
        {
            await using var db = await contexts.CreateDbContextAsync();
            var batch = new List<Customer>();
            for (var i = start; i < Math.Min(count, start + 500); i++)
            {
                var name = Names.Company(i);
                string? taxId = null;
                for (var k = 0; taxId is null || !taxIds.Add(taxId); k++)
                {
                    taxId = Cuit.Complete($"30{70_000_000 + (i * 13) + k:00000000}");
                }
                var customer = new Customer(name, taxId, desk.Now.AddYears(-4).AddDays(random.Next(365)));
                var domain = $"{Slug(name)}{i}.com.ar";
                var phone = Phones.Normalise($"0351 4{i % 100:00}-{1000 + (i / 100 % 9000):0000}");
                customer.SetDetails(
                    [new CustomerAddress { Label = "Administración", Street = $"Av. San Martín {100 + i % 3000}", City = Names.Cities[i % Names.Cities.Length], Province = "Córdoba" }],
                    phone is null ? [] : [new CustomerPhone { Number = phone, Label = "Conmutador" }],
                    [domain],
                    [new InstalledProduct { Product = "Gestión Integral", Version = $"8.{i % 5}" }]);
                // Most in force; some expired, suspended, cancelled, or without one (their contacts go to regularisation).
                var roll = random.NextDouble();
                var today = desk.Today;
                if (roll < 0.80)
                {
                    customer.Agreements.Add(new SupportAgreement(today.AddMonths(-random.Next(1, 36)), today.AddMonths(random.Next(1, 24)), AgreementStatus.Active));
                }
                else if (roll < 0.92)
                {
                    customer.Agreements.Add(new SupportAgreement(today.AddMonths(-random.Next(14, 40)), today.AddMonths(-random.Next(1, 12)), AgreementStatus.Active));
                }
                else if (roll < 0.95)
                {
                    customer.Agreements.Add(new SupportAgreement(today.AddMonths(-random.Next(1, 20)), today.AddMonths(random.Next(1, 12)), AgreementStatus.Suspended));
                }
                else if (roll < 0.97)
                {
                    customer.Agreements.Add(new SupportAgreement(today.AddMonths(-random.Next(1, 20)), today.AddMonths(random.Next(1, 12)), AgreementStatus.Cancelled));
                }
                var contacts = 2 + random.Next(3);
                for (var k = 0; k < contacts; k++)
                {
                    var person = $"{Names.First[random.Next(Names.First.Length)]} {Names.Last[random.Next(Names.Last.Length)]}";
                    var contact = new Contact(person) { Position = Names.Positions[random.Next(Names.Positions.Length)] };
                    var mobile = Phones.Normalise($"011 15 5{(i * 4 + k) % 1000:000}-{1000 + ((i * 4 + k) / 1000 % 9000):0000}");
                    contact.SetChannels([$"{SearchText.Fold(person).Replace(' ', '.')}{k}@{domain}"],
                        mobile is null ? [] : [new ContactPhone { Number = mobile, WhatsApp = k == 0, Label = "Celular" }]);
                    customer.Contacts.Add(contact);
                }
                batch.Add(customer);
            }
            db.Customers.AddRange(batch);
            await db.SaveChangesAsync();
            foreach (var customer in batch)
            {
                desk.Customers.Add(new DeskCustomer(customer.Id, customer.Name, customer.HasAgreementInForce(desk.Today),
                    AgreementBadge.From(desk.Today, customer.Agreements),
                    customer.Contacts.Select(c => new DeskContact(c.Id, c.Name, c.Emails.Select(e => e.Address).FirstOrDefault() ?? "",
                        c.Phones.Select(p => p.Number).FirstOrDefault())).ToArray()));
            }
        }
        desk.InForce = desk.Customers.Where(c => c.InForce).ToArray();
        desk.NotInForce = desk.Customers.Where(c => !c.InForce).ToArray();
        if (desk.NotInForce.Length == 0)
        {
            throw new InvalidOperationException("No customer without an agreement in force: raise the count.");
        }
    }

    private static readonly string[] IncidentTitles =
    [
        "El libro IVA exporta importes con coma decimal", "La consulta de stock no usa el índice por depósito",
        "Cierre de caja descuadra con pagos mixtos", "Permisos de compras no se heredan del perfil",
        "El asiento de percepciones redondea mal", "Reportes vacíos tras actualizar a 8.3", "Se pierde la sesión al cambiar de sucursal",
    ];

    private static async Task CreateIncidentsAsync(IDbContextFactory<AyudaDb> contexts, Desk desk, int count)
    {
        var random = desk.Random;
        var reporter = new Actor(desk.Head.Id, desk.Head.Name);
        var owner = (desk.RnD.Id, desk.RnD.Name);
        var steps = new[] { IncidentState.InAnalysis, IncidentState.InCorrection, IncidentState.Fixed, IncidentState.Delivered, IncidentState.Verified, IncidentState.Closed };
        var counters = new Dictionary<int, long>();
        var all = new List<Incident>();
        for (var i = 0; i < count; i++)
        {
            var created = desk.Start + (desk.Span * ((i + random.NextDouble()) / count));
            var year = TimeZoneInfo.ConvertTime(created, desk.TimeZone).Year;
            counters[year] = counters.GetValueOrDefault(year) + 1;
            var title = $"{IncidentTitles[random.Next(IncidentTitles.Length)]} ({i + 1})";
            var incident = new Incident(Incident.FormatNumber(year, counters[year]),
                new IncidentDraft(title, "Gestión Integral", "Contabilidad", $"8.{random.Next(5)}", SpanishText.FromCustomer(random, 400),
                    "1. Ingresar al módulo.\n2. Confirmar la operación.", "Que se confirme sin error.", "Muestra un error y no confirma.",
                    (IncidentSeverity)random.Next(4), DateOnly.FromDateTime(created.UtcDateTime)),
                owner, reporter, created);
            // Older incidents went further along R&D's path.
            var age = (desk.Now - created).TotalDays;
            var moves = Math.Min(steps.Length, (int)(age / 30) + random.Next(2));
            var at = created;
            for (var m = 0; m < moves; m++)
            {
                at = at.AddDays(1 + random.Next(5));
                if (at >= desk.Now)
                {
                    break;
                }
                incident.MoveTo(steps[m], "Avance registrado por R&D.", steps[m] == IncidentState.Fixed ? $"8.{random.Next(5)}.{random.Next(9)}" : null, null,
                    new Actor(desk.RnD.Id, desk.RnD.Name), at);
            }
            all.Add(incident);
        }
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Incidents.AddRange(all);
            await db.SaveChangesAsync();
            foreach (var (year, last) in counters)
            {
                await db.Database.ExecuteSqlRawAsync("INSERT INTO \"IncidentCounters\" (\"Year\", \"Last\") VALUES ({0}, {1})", year, last);
            }
        }
        desk.Incidents.AddRange(all.Select(i => new DeskIncident(i.Id, i.Number, i.Title, i.CreatedAt)));
    }

    private sealed record Loaded(long Tickets, long Messages, long Timeline);

    /// <summary>One batch of tickets built in memory with its ids given, ready to write.</summary>
    private sealed record Batch(List<Ticket> Tickets, long FirstTicketId, long FirstMessageId, long FirstTimelineId);

    private static async Task<Loaded> LoadSqliteAsync(string connectionString, IModel model, Desk desk, int count)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        // Only for the load: no journal, no fsync, a big cache. Restored (WAL, as Ayuda sets it) at the end.
        await Sql.ExecuteAsync(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-400000; PRAGMA temp_store=MEMORY;");
        // The search index's triggers would index every row as it lands; they are set aside and the index is rebuilt
        // in one pass after the load (--rebuild-search-index).
        var triggers = new List<(string Name, string Sql)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('Tickets', 'TicketMessages', 'TimelineEntries')";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                triggers.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, _) in triggers)
        {
            await Sql.ExecuteAsync(connection, $"DROP TRIGGER \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
        }
        var ids = new Ids();
        var shapes = new Shapes(model, ids);
        await using var tickets = new SqliteTableLoad<Ticket>(connection, shapes.Ticket);
        await using var messages = new SqliteTableLoad<TicketMessage>(connection, shapes.Message);
        await using var timeline = new SqliteTableLoad<TimelineEntry>(connection, shapes.Timeline);
        await ProduceAndConsumeAsync(desk, count, ids, async batch =>
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            tickets.Transaction = transaction;
            messages.Transaction = transaction;
            timeline.Transaction = transaction;
            await WriteBatchAsync(batch, t => tickets.WriteAsync(t), m => messages.WriteAsync(m), e => timeline.WriteAsync(e));
            await transaction.CommitAsync();
        });
        await WriteCountersAsync(connection, desk);
        foreach (var (_, sql) in triggers)
        {
            await Sql.ExecuteAsync(connection, sql);
        }
        await Sql.ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        return new Loaded(tickets.Rows, messages.Rows, timeline.Rows);
    }

    private static async Task<Loaded> LoadPostgresAsync(string connectionString, IModel model, Desk desk, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var ids = new Ids();
        var shapes = new Shapes(model, ids);
        long ticketRows = 0, messageRows = 0, timelineRows = 0;
        // The search index's triggers are paused during the load; the index is rebuilt in one pass after it.
        var loaded = new[] { "Tickets", "TicketMessages", "TimelineEntries" };
        foreach (var table in loaded)
        {
            await Sql.ExecuteAsync(connection, $"ALTER TABLE \"{table}\" DISABLE TRIGGER USER");
        }
        await ProduceAndConsumeAsync(desk, count, ids, async batch =>
        {
            // One COPY per table and batch, parents first (the foreign keys are checked as usual).
            await using (var tickets = await PostgresTableLoad<Ticket>.StartAsync(connection, shapes.Ticket))
            {
                foreach (var ticket in batch.Tickets)
                {
                    await tickets.WriteAsync(ticket);
                }
                ticketRows += (long)await tickets.CompleteAsync();
            }
            await using (var messages = await PostgresTableLoad<TicketMessage>.StartAsync(connection, shapes.Message))
            {
                await WriteBatchAsync(batch, _ => ValueTask.CompletedTask, m => messages.WriteAsync(m), _ => ValueTask.CompletedTask);
                messageRows += (long)await messages.CompleteAsync();
            }
            await using (var timeline = await PostgresTableLoad<TimelineEntry>.StartAsync(connection, shapes.Timeline))
            {
                await WriteBatchAsync(batch, _ => ValueTask.CompletedTask, _ => ValueTask.CompletedTask, e => timeline.WriteAsync(e));
                timelineRows += (long)await timeline.CompleteAsync();
            }
        });
        await WriteCountersAsync(connection, desk);
        foreach (var table in loaded)
        {
            await Sql.ExecuteAsync(connection, $"ALTER TABLE \"{table}\" ENABLE TRIGGER USER");
        }
        foreach (var table in loaded)
        {
            await Sql.ExecuteAsync(connection, $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), (SELECT COALESCE(MAX(\"Id\"), 0) + 1 FROM \"{table}\"), false)");
        }
        return new Loaded(ticketRows, messageRows, timelineRows);
    }

    private static async Task WriteCountersAsync(System.Data.Common.DbConnection connection, Desk desk)
    {
        // The yearly sequence goes on from the last number given, so new intake gets the next one.
        foreach (var (year, last) in desk.TicketCounters)
        {
            await Sql.ExecuteAsync(connection, $"INSERT INTO \"TicketCounters\" (\"Year\", \"Last\") VALUES ({year}, {last})");
        }
    }

    /// <summary>Ids the database would give (the tables are empty), set on the rows as they are written.</summary>
    private sealed class Ids
    {
        public Dictionary<Ticket, long> Tickets { get; } = new(ReferenceEqualityComparer.Instance);
        public Dictionary<TicketMessage, long> Messages { get; } = new(ReferenceEqualityComparer.Instance);
        public Dictionary<TimelineEntry, long> Timeline { get; } = new(ReferenceEqualityComparer.Instance);
        public Dictionary<object, long> Parent { get; } = new(ReferenceEqualityComparer.Instance);

        /// <summary>Numbers the rows of the batch about to be written.</summary>
        public void Load(Batch batch)
        {
            Tickets.Clear();
            Messages.Clear();
            Timeline.Clear();
            Parent.Clear();
            long t = batch.FirstTicketId, m = batch.FirstMessageId, e = batch.FirstTimelineId;
            foreach (var item in batch.Tickets)
            {
                Tickets[item] = t;
                foreach (var msg in item.Messages)
                {
                    Messages[msg] = m++;
                    Parent[msg] = t;
                }
                foreach (var line in item.Timeline)
                {
                    Timeline[line] = e++;
                    Parent[line] = t;
                }
                t++;
            }
        }
    }

    private sealed class Shapes(IModel model, Ids ids)
    {
        public RowShape<Ticket> Ticket { get; } = new(model, new Dictionary<string, Func<Ticket, object?>> { ["Id"] = t => ids.Tickets[t] });

        public RowShape<TicketMessage> Message { get; } = new(model, new Dictionary<string, Func<TicketMessage, object?>>
        {
            ["Id"] = m => ids.Messages[m],
            ["TicketId"] = m => ids.Parent[m],
            ["OutboxMessageId"] = _ => null,
        });

        public RowShape<TimelineEntry> Timeline { get; } = new(model, new Dictionary<string, Func<TimelineEntry, object?>>
        {
            ["Id"] = e => ids.Timeline[e],
            ["TicketId"] = e => ids.Parent[e],
            ["TicketMessageId"] = e => e.Message is { } m ? ids.Messages[m] : null,
        });
    }

    private static async Task WriteBatchAsync(Batch batch, Func<Ticket, ValueTask> ticket, Func<TicketMessage, ValueTask> message, Func<TimelineEntry, ValueTask> entry)
    {
        foreach (var item in batch.Tickets)
        {
            await ticket(item);
        }
        foreach (var item in batch.Tickets)
        {
            foreach (var msg in item.Messages)
            {
                await message(msg);
            }
        }
        foreach (var item in batch.Tickets)
        {
            foreach (var line in item.Timeline)
            {
                await entry(line);
            }
        }
    }

    /// <summary>Builds batches on one core while the other writes the previous batch.</summary>
    private static async Task ProduceAndConsumeAsync(Desk desk, int count, Ids ids, Func<Batch, Task> write)
    {
        var channel = System.Threading.Channels.Channel.CreateBounded<Batch>(2);
        var building = new Stopwatch();
        var writing = new Stopwatch();
        var producer = Task.Run(async () =>
        {
            try
            {
                long ticketId = 1, messageId = 1, timelineId = 1;
                for (var start = 0; start < count; start += BatchTickets)
                {
                    var list = new List<Ticket>(BatchTickets);
                    building.Start();
                    for (var i = start; i < Math.Min(count, start + BatchTickets); i++)
                    {
                        list.Add(desk.BuildTicket(i, count));
                    }
                    building.Stop();
                    await channel.Writer.WriteAsync(new Batch(list, ticketId, messageId, timelineId));
                    ticketId += list.Count;
                    messageId += list.Sum(t => t.Messages.Count);
                    timelineId += list.Sum(t => t.Timeline.Count);
                }
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        });
        var written = 0;
        var clock = Stopwatch.StartNew();
        await foreach (var batch in channel.Reader.ReadAllAsync())
        {
            writing.Start();
            ids.Load(batch);
            await write(batch);
            writing.Stop();
            written += batch.Tickets.Count;
            if (written % 100_000 == 0 || written == count)
            {
                Console.WriteLine($"    {written:N0} tickets ({written / clock.Elapsed.TotalSeconds:N0}/s)");
            }
        }
        await producer;
        Console.WriteLine($"    (building tickets {building.Elapsed.TotalSeconds:N1} s, writing {writing.Elapsed.TotalSeconds:N1} s, side by side)");
    }

    /// <summary>
    /// Hook for the search index built in parallel: once Ayuda knows <c>--rebuild-search-index</c>, it is run on the
    /// generated database (the bulk load wrote the rows; the rebuild makes the index match them).
    /// </summary>
    private static async Task<bool> RebuildSearchIndexAsync(List<string> settings)
    {
        var ayuda = Path.Combine(AppContext.BaseDirectory, "Ayuda.dll");
        var switchName = "--rebuild-search-index";
        var bytes = await File.ReadAllBytesAsync(ayuda);
        if (bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(switchName)) < 0 && bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(switchName)) < 0)
        {
            Console.WriteLine($"  (Ayuda has no {switchName} yet: no search index to rebuild)");
            return false;
        }
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(ayuda);
        start.ArgumentList.Add(switchName);
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }
        start.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{switchName} failed with exit code {process.ExitCode}.");
        }
        return true;
    }

    private static async Task AnalyzeAsync(string provider, string connection)
    {
        if (provider == "sqlite")
        {
            await using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder(connection) { Pooling = false }.ToString());
            await sqlite.OpenAsync();
            await Sql.ExecuteAsync(sqlite, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
            return;
        }
        // VACUUM as well: the bulk load leaves every page's visibility unset, so autovacuum would pass over the whole desk
        // (and each run's copy of it) during the measurements; frozen and marked all-visible once here, it has nothing to do.
        await using var postgres = new NpgsqlConnection(connection);
        await postgres.OpenAsync();
        await Sql.ExecuteAsync(postgres, "VACUUM (FREEZE, ANALYZE)");
    }

    private static string Slug(string name) => new(SearchText.Fold(name).Where(char.IsAsciiLetterOrDigit).Take(20).ToArray());

    internal static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}
