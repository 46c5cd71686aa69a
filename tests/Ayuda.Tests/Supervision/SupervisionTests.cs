using System.Globalization;
using System.Net;
using System.Text.Json;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Supervision;

/// <summary>
/// The head's dashboard over the known week of <see cref="SupervisionData"/>: every figure exact, and every figure
/// drilling down (through the queue's filters) to exactly the tickets it counts.
/// </summary>
public abstract class SupervisionTests(SupervisionData data)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeZoneInfo BuenosAires = TimeZoneInfo.FindSystemTimeZoneById("America/Argentina/Buenos_Aires");

    private async Task<JsonElement> SummaryAsync() => await Api.Json(await data.Desk.Head.GetAsync("/api/v1/supervision/summary", Ct), HttpStatusCode.OK);

    private async Task<string[]> QueueAsync(string query)
    {
        var page = await Api.Json(await data.Desk.Head.GetAsync($"/api/v1/tickets?{query}", Ct), HttpStatusCode.OK);
        var names = data.Numbers.ToDictionary(n => n.Value, n => n.Key);
        return [.. page.Items().Select(t => names[t.Str("number")]).Order()];
    }

    private static string Day(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, BuenosAires).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Monday(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, BuenosAires).DateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    [Fact]
    public async Task Open_tickets_show_by_state_classification_and_consultant()
    {
        var s = await SummaryAsync();
        Assert.Equal(5, s.GetProperty("open").GetInt32());
        Assert.Equal(["pending=3", "waitingOnRnD=1", "regularisation=1"],
            s.GetProperty("byState").EnumerateArray().Select(r => $"{r.Str("state")}={r.GetProperty("count").GetInt32()}").OrderByDescending(x => x.StartsWith("pending")).ThenByDescending(x => x.StartsWith("waiting")));
        Assert.Equal(["error=1", "none=4"],
            s.GetProperty("byClassification").EnumerateArray().Select(r => $"{(r.GetProperty("classification").ValueKind == JsonValueKind.Null ? "none" : r.Str("classification"))}={r.GetProperty("count").GetInt32()}"));
        var load = s.GetProperty("load").EnumerateArray().ToDictionary(r => r.GetProperty("consultant").Str("name"), r => r.GetProperty("open").GetInt32());
        Assert.Equal(1, load["Diego Consultor"]);
        Assert.Equal(0, load["Lucía Consultora"]);
        Assert.Equal(0, load["Marta Jefa"]);
        Assert.False(load.ContainsKey("Ana Administración"));
        Assert.Equal(1, s.GetProperty("waitingOnRnD").GetInt32());
        Assert.Equal(1, s.GetProperty("regularisation").GetInt32());

        Assert.Equal(["A3", "B2", "B3"], await QueueAsync("state=pending"));
        Assert.Equal(["A3", "B2", "B3", "C1"], await QueueAsync("open=true&classification=none"));
        Assert.Equal(["A2"], await QueueAsync($"open=true&assignee={data.Desk.UserIds["diego"]}"));
        Assert.Equal(["C1"], await QueueAsync("state=regularisation"));
    }

    [Fact]
    public async Task Ageing_counts_days_since_the_contact_and_each_slot_lists_its_tickets()
    {
        var ageing = (await SummaryAsync()).GetProperty("ageing").EnumerateArray()
            .Select(b => (b.GetProperty("minDays").GetInt32(), b.GetProperty("maxDays").ValueKind == JsonValueKind.Null ? (int?)null : b.GetProperty("maxDays").GetInt32(), b.GetProperty("count").GetInt32()))
            .ToList();
        Assert.Equal([(0, 1, 1), (1, 3, 3), (3, 7, 0), (7, 30, 0), (30, null, 1)], ageing);

        Assert.Equal(["B3"], await QueueAsync("open=true&maxAgeDays=1"));
        Assert.Equal(["A2", "B2", "C1"], await QueueAsync("open=true&minAgeDays=1&maxAgeDays=3"));
        Assert.Empty(await QueueAsync("open=true&minAgeDays=3&maxAgeDays=7"));
        Assert.Equal(["A3"], await QueueAsync("open=true&minAgeDays=30"));
    }

    [Fact]
    public async Task Oldest_pending_come_first_and_waiting_on_rnd_says_how_long_the_customer_has_gone_without_news()
    {
        var s = await SummaryAsync();
        Assert.Equal([data.Numbers["A3"], data.Numbers["B2"], data.Numbers["B3"]], s.GetProperty("oldestPending").EnumerateArray().Select(t => t.Str("number")));
        var waiting = Assert.Single(s.GetProperty("waitingOnRnDLongest").EnumerateArray());
        Assert.Equal(data.Numbers["A2"], waiting.Str("number"));
        Assert.Equal("Ferretería Sur", waiting.Str("customerName"));
        Assert.Equal("Diego Consultor", waiting.GetProperty("assignee").Str("name"));
        Assert.StartsWith("INC-", waiting.Str("incidentNumber"));
        // Linked to its incident at T0+5h, nothing sent since; now is T0+72h: 67 hours, two whole days.
        Assert.Equal(data.T0.AddHours(5), waiting.GetProperty("lastHeard").GetDateTimeOffset());
        Assert.Equal(2, waiting.GetProperty("daysWithoutNews").GetInt32());
        Assert.Equal(["A2"], await QueueAsync("state=waitingOnRnD"));
    }

    [Fact]
    public async Task Created_and_closed_per_week_cover_twelve_desk_weeks_and_drill_down_to_their_days()
    {
        var weeks = (await SummaryAsync()).GetProperty("weeks").EnumerateArray()
            .Select(w => (Monday: DateOnly.Parse(w.Str("monday"), CultureInfo.InvariantCulture), Created: w.GetProperty("created").GetInt32(), Closed: w.GetProperty("closed").GetInt32()))
            .ToList();
        Assert.Equal(12, weeks.Count);
        Assert.Equal(Monday(data.End), weeks[^1].Monday);
        Assert.Equal(Monday(data.End).AddDays(-77), weeks[0].Monday);
        int[] createdHours = [0, 1, 1, 2, 2, 3, 70];
        int[] closedHours = [2, 7];
        foreach (var week in weeks)
        {
            Assert.Equal(createdHours.Count(h => Monday(data.T0.AddHours(h)) == week.Monday), week.Created);
            Assert.Equal(closedHours.Count(h => Monday(data.T0.AddHours(h)) == week.Monday), week.Closed);
        }
        Assert.Equal((7, 2), (weeks.Sum(w => w.Created), weeks.Sum(w => w.Closed)));

        var lastDay = Day(data.T0.AddHours(70));
        Assert.Equal(["B3"], await QueueAsync($"createdFrom={lastDay}&createdTo={lastDay}"));
        Assert.Equal(["A1", "B1"], await QueueAsync($"state=closed&closedFrom={Day(data.T0)}&closedTo={Day(data.T0.AddHours(7))}"));
        Assert.Equal(7, (await QueueAsync($"createdFrom={Day(data.T0)}&createdTo={Day(data.End)}")).Length);
    }
}

public sealed class SupervisionOnSqlite(SqliteSupervisionData data) : SupervisionTests(data), IClassFixture<SqliteSupervisionData>;

public sealed class SupervisionOnPostgres(PostgresSupervisionData data) : SupervisionTests(data), IClassFixture<PostgresSupervisionData>;
