using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Tests.Tickets;

/// <summary>What happens when people act at the same moment: one consultant wins a ticket; numbers never repeat nor skip.</summary>
public abstract class TicketRacesApiTests(Desk desk)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_consultants_taking_the_same_ticket_at_once_one_wins_and_the_other_is_told_who()
    {
        var customer = await desk.CustomerInForceAsync("Molinos del Plata");
        var names = new Dictionary<HttpClient, string> { [desk.Consultant] = "Diego Consultor", [desk.SecondConsultant] = "Lucía Consultora" };
        for (var round = 0; round < 5; round++)
        {
            var number = (await desk.IntakeAsync(customer, $"Carrera {round}")).Str("number");
            using var start = new Barrier(2);
            var racers = names.Keys.Select(client => Task.Run(async () =>
            {
                start.SignalAndWait(Ct);
                var response = await client.PostAsync($"/api/v1/tickets/{number}/take", null, Ct);
                return (Client: client, Response: response, Body: await response.Content.ReadAsStringAsync(Ct));
            }, Ct)).ToList();
            var results = await Task.WhenAll(racers);

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], results.Select(r => r.Response.StatusCode).Order());
            var winner = results.Single(r => r.Response.StatusCode == HttpStatusCode.OK);
            var loser = results.Single(r => r.Response.StatusCode == HttpStatusCode.Conflict);
            var winnerName = names[winner.Client];
            Assert.Equal(winnerName, JsonDocument.Parse(winner.Body).RootElement.GetProperty("assignee").Str("name"));
            Assert.Equal($"El ticket {number} ya lo tomó {winnerName}.", JsonDocument.Parse(loser.Body).RootElement.Str("detail"));

            var ticket = await Api.Json(await desk.Head.GetAsync($"/api/v1/tickets/{number}", Ct), HttpStatusCode.OK);
            Assert.Equal(winnerName, ticket.GetProperty("assignee").Str("name"));
            var timeline = await desk.TimelineAsync(number);
            Assert.Equal(winnerName, Assert.Single(timeline, e => e.Str("kind") == "assigned").Str("text"));
            Assert.Single(timeline, e => e.Str("kind") == "stateChanged" && e.Str("to") == "inProgress");
        }
    }

    [Fact]
    public async Task Twenty_contacts_logged_at_once_get_twenty_distinct_consecutive_numbers()
    {
        var customer = await desk.CustomerInForceAsync("Call Center Córdoba");
        var before = await Numbers(customer);
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => desk.Administration.PostAsJsonAsync("/api/v1/intake",
            new { channel = "phone", customerId = customer.Id, subject = $"Llamado simultáneo {i}", description = "" }, Ct), Ct)));

        var numbers = new List<string>();
        foreach (var response in responses)
        {
            numbers.Add((await Api.Json(response, HttpStatusCode.Created)).Str("number"));
        }
        Assert.All(numbers, n => Assert.Matches(@"^\d{4}-\d{6}$", n));
        Assert.Equal(20, numbers.Distinct().Count());
        Assert.Single(numbers.Select(n => n[..4]).Distinct());
        var sequence = numbers.Select(n => int.Parse(n[5..], CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(sequence[0], 20), sequence);

        var stored = await Numbers(customer);
        Assert.Equal(20, stored.Count - before.Count);
        Assert.Equal(numbers.Order(), stored.Except(before).Order());
    }

    [Fact]
    public async Task A_burst_with_calls_logged_late_from_last_year_numbers_each_ticket_by_the_year_of_its_call()
    {
        // Contacts saved together take their numbers together, per year: a call from New Year's Eve logged in the same
        // burst as today's calls gets last year's next number, and today's the next numbers of this year.
        var customer = await desk.CustomerInForceAsync("Guardia de Fin de Año");
        var thisYear = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(-3)).Year;
        var newYearsEve = new DateTimeOffset(thisYear - 1, 12, 31, 22, 0, 0, TimeSpan.FromHours(-3));
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => desk.Administration.PostAsJsonAsync("/api/v1/intake",
            new { channel = "phone", customerId = customer.Id, subject = $"Llamado {i}", description = "", contactedAt = i % 2 == 0 ? newYearsEve : (DateTimeOffset?)null }, Ct), Ct)));

        var numbers = new List<(int Index, string Number)>();
        for (var i = 0; i < responses.Length; i++)
        {
            numbers.Add((i, (await Api.Json(responses[i], HttpStatusCode.Created)).Str("number")));
        }
        foreach (var (late, year) in new[] { (true, thisYear - 1), (false, thisYear) })
        {
            var ofYear = numbers.Where(n => (n.Index % 2 == 0) == late).Select(n => n.Number).ToList();
            Assert.All(ofYear, n => Assert.StartsWith($"{year}-", n));
            var sequence = ofYear.Select(n => int.Parse(n[5..], CultureInfo.InvariantCulture)).Order().ToList();
            Assert.Equal(Enumerable.Range(sequence[0], 6), sequence);
        }
        var stored = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{numbers[0].Number}", Ct), HttpStatusCode.OK);
        Assert.Equal(newYearsEve, stored.GetProperty("contactedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_burst_of_contacts_saved_together_gives_each_caller_its_own_ticket()
    {
        // More contacts than one group commit takes (64), from two customers, by phone and by email, at once.
        var first = await desk.CustomerInForceAsync("Ráfaga Norte");
        var second = await desk.CustomerInForceAsync("Ráfaga Sur");
        var sent = Enumerable.Range(0, 150).Select(i => (Customer: i % 2 == 0 ? first : second, Channel: i % 3 == 0 ? "email" : "phone",
            Subject: $"Ráfaga {i}", Description: $"Detalle número {i}")).ToList();
        var responses = await Task.WhenAll(sent.Select(s => Task.Run(() => desk.Administration.PostAsJsonAsync("/api/v1/intake",
            new { channel = s.Channel, customerId = s.Customer.Id, subject = s.Subject, description = s.Description }, Ct), Ct)));

        var answered = new List<JsonElement>();
        foreach (var response in responses)
        {
            answered.Add(await Api.Json(response, HttpStatusCode.Created));
        }
        for (var i = 0; i < sent.Count; i++)
        {
            // Each caller is answered with its own ticket, not a neighbour's from the same batch.
            Assert.Equal(sent[i].Subject, answered[i].Str("subject"));
            Assert.Equal(sent[i].Customer.Name, answered[i].GetProperty("customer").Str("name"));
            var stored = await Api.Json(await desk.Head.GetAsync($"/api/v1/tickets/{answered[i].Str("number")}", Ct), HttpStatusCode.OK);
            Assert.Equal(sent[i].Description, stored.Str("description"));
            Assert.Equal(sent[i].Channel, stored.Str("channel"));
        }
        Assert.Equal(150, answered.Select(a => a.Str("number")).Distinct().Count());
    }

    [Fact]
    public async Task A_burst_of_contacts_is_written_in_far_fewer_commits_than_contacts()
    {
        const int contacts = 60;
        var customer = await desk.CustomerInForceAsync("Ráfaga Contada");
        using var commits = await Commits.OnAsync(desk.App);
        var responses = await Task.WhenAll(Enumerable.Range(0, contacts).Select(i => Task.Run(() => desk.Administration.PostAsJsonAsync("/api/v1/intake",
            new { channel = "phone", customerId = customer.Id, subject = $"Contada {i}", description = "" }, Ct), Ct)));
        foreach (var response in responses)
        {
            await Api.Json(response, HttpStatusCode.Created);
        }
        // One commit per contact without group commit; anything else the host committed meanwhile only adds to the count.
        // How many share a commit depends on how close together they arrive: 2 on a quiet machine, 32 once
        // on a loaded one (CI, while other builds ran), so the bound is three quarters, well under the 60 without it.
        TestContext.Current.TestOutputHelper?.WriteLine($"{contacts} contacts, {commits.Count} commits");
        Assert.InRange(commits.Count, 1, contacts * 3 / 4);
    }

    [Fact]
    public async Task A_contact_that_fails_at_save_time_does_not_cost_the_others_of_its_batch()
    {
        var kept = await desk.CustomerInForceAsync("Ráfaga Firme");
        var doomed = await desk.CustomerInForceAsync("Ráfaga Borrada");
        await using var holder = await desk.App.DbAsync();
        var sqlite = holder.Database.ProviderName!.Contains("Sqlite", StringComparison.Ordinal);
        // Another writer holds the database: every contact is identified (its customer exists) and then waits to be written.
        await using var holding = await holder.Database.BeginTransactionAsync(Ct);
        if (!sqlite)
        {
            await holder.Database.ExecuteSqlRawAsync("""LOCK TABLE "Tickets" IN EXCLUSIVE MODE""", Ct);
        }
        Task<HttpResponseMessage> Post(Support.Customer customer, string subject) => Task.Run(() => desk.Administration.PostAsJsonAsync("/api/v1/intake",
            new { channel = "phone", customerId = customer.Id, subject, description = "" }, Ct), Ct);
        // The first is written alone as soon as the file is free; the rest queue meanwhile and are written together.
        var first = Post(kept, "Firme 0");
        await Task.Delay(500, Ct);
        var rest = Enumerable.Range(1, 11).Select(i => (Subject: i % 4 == 0 ? $"Borrada {i}" : $"Firme {i}", Call: Post(i % 4 == 0 ? doomed : kept, i % 4 == 0 ? $"Borrada {i}" : $"Firme {i}"))).ToList();
        await Task.Delay(1500, Ct);
        Assert.False(first.IsCompleted || rest.Any(r => r.Call.IsCompleted), "a contact was written while another writer held the database");
        // Meanwhile the customer of three of them is deleted: their tickets now break a foreign key when saved.
        await holder.Database.ExecuteSqlAsync($"""DELETE FROM "Customers" WHERE "Id" = {doomed.Id}""", Ct);
        await holding.CommitAsync(Ct);

        await Api.Json(await first, HttpStatusCode.Created);
        foreach (var (subject, call) in rest)
        {
            var response = await call;
            if (subject.StartsWith("Firme", StringComparison.Ordinal))
            {
                Assert.Equal(subject, (await Api.Json(response, HttpStatusCode.Created)).Str("subject"));
            }
            else
            {
                Assert.NotEqual(HttpStatusCode.Created, response.StatusCode);
            }
        }
        var stored = (await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets?customerId={kept.Id}&limit=200", Ct), HttpStatusCode.OK))
            .Items().Select(i => i.Str("subject")).ToList();
        List<string> expected = ["Firme 0", .. rest.Where(r => r.Subject.StartsWith("Firme", StringComparison.Ordinal)).Select(r => r.Subject)];
        Assert.Equal(expected.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        await using var db = await desk.App.DbAsync();
        Assert.False(await db.Tickets.AnyAsync(t => t.Subject.StartsWith("Borrada "), Ct));
    }

    [Fact]
    public async Task A_contact_on_new_years_eve_in_buenos_aires_is_numbered_in_the_old_year()
    {
        var customer = await desk.CustomerInForceAsync("Cotillón Año Nuevo");
        var year = DateTime.UtcNow.Year - 1;
        var lateEve = await desk.IntakeAsync(new { channel = "phone", customerId = customer.Id, subject = "23:30 del 31", description = "",
            contactedAt = new DateTimeOffset(year, 1, 1, 2, 30, 0, TimeSpan.Zero) });
        var newYear = await desk.IntakeAsync(new { channel = "phone", customerId = customer.Id, subject = "00:30 del 1", description = "",
            contactedAt = new DateTimeOffset(year, 1, 1, 3, 30, 0, TimeSpan.Zero) });
        Assert.StartsWith($"{year - 1}-", lateEve.Str("number"));
        Assert.StartsWith($"{year}-", newYear.Str("number"));
    }

    private async Task<List<string>> Numbers(Support.Customer customer) =>
        [.. (await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets?customerId={customer.Id}&limit=200", Ct), HttpStatusCode.OK)).Items().Select(i => i.Str("number"))];
}

public sealed class TicketRacesApiOnSqlite(SqliteDesk desk) : TicketRacesApiTests(desk), IClassFixture<SqliteDesk>;

public sealed class TicketRacesApiOnPostgres(PostgresDesk desk) : TicketRacesApiTests(desk), IClassFixture<PostgresDesk>;
