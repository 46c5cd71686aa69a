using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Tickets;

/// <summary>Queues: oldest contact first, filters, and paging that never skips nor repeats a ticket.</summary>
public abstract class TicketQueuesApiTests(Desk desk)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pending_queue_pages_oldest_contact_first_and_shows_every_ticket_exactly_once()
    {
        var customer = await desk.CustomerInForceAsync("Cervecería Quilmes Sur");
        var baseTime = new DateTimeOffset(DateTimeOffset.UtcNow.Date, TimeSpan.Zero).AddDays(-2);
        // Three contacts at the same instant straddle a page boundary: the tie is broken by arrival order.
        int[] hoursAfterBase = [9, 1, 5, 5, 5, 3, 12];
        var numbers = new List<(string Number, DateTimeOffset At)>();
        foreach (var hours in hoursAfterBase)
        {
            var at = baseTime.AddHours(hours);
            var ticket = await desk.IntakeAsync(new { channel = "phone", customerId = customer.Id, subject = $"Llamado de las {hours}", description = "", contactedAt = at });
            numbers.Add((ticket.Str("number"), at));
        }
        var expected = numbers.OrderBy(n => n.At).Select(n => n.Number).ToList(); // stable: ties keep arrival order

        Assert.Equal(expected, await AllPages($"/api/v1/tickets?state=pending&customerId={customer.Id}&limit=2"));

        var whole = await AllPages("/api/v1/tickets?state=pending&limit=3");
        Assert.Equal(whole.Count, whole.Distinct().Count());
        Assert.Equal(expected, whole.Where(expected.Contains));
    }

    [Fact]
    public async Task The_whole_queue_comes_in_order_of_contact_time()
    {
        var customer = await desk.CustomerInForceAsync("Lácteos Rafaela");
        await desk.IntakeAsync(new { channel = "phone", customerId = customer.Id, subject = "Nuevo", description = "" });
        await desk.IntakeAsync(new { channel = "phone", customerId = customer.Id, subject = "Viejo", description = "", contactedAt = DateTimeOffset.UtcNow.AddDays(-20) });
        var times = new List<DateTimeOffset>();
        string? cursor = null;
        do
        {
            var page = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets?state=pending&limit=4{(cursor is null ? "" : "&cursor=" + cursor)}", Ct), HttpStatusCode.OK);
            times.AddRange(page.Items().Select(i => i.GetProperty("contactedAt").GetDateTimeOffset()));
            Assert.All(page.Items(), i => Assert.Equal("pending", i.Str("state")));
            cursor = page.GetProperty("next").GetString();
        }
        while (cursor is not null);
        Assert.Equal(times.Order(), times);
        var newest = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets?customerId={customer.Id}&sort=newest", Ct), HttpStatusCode.OK);
        Assert.Equal(["Nuevo", "Viejo"], newest.Items().Select(i => i.Str("subject")));
    }

    [Fact]
    public async Task Filters_narrow_the_queue_by_assignee_customer_classification_priority_and_channel()
    {
        var customer = await desk.CustomerInForceAsync("Mueblería Carlos Paz");
        var taken = (await desk.IntakeAsync(new { channel = "whatsApp", customerId = customer.Id, subject = "Error al imprimir", description = "", priority = "urgent" })).Str("number");
        var waiting = (await desk.IntakeAsync(new { channel = "email", customerId = customer.Id, subject = "Consulta de uso", description = "" })).Str("number");
        await Api.Json(await desk.Consultant.PostAsync($"/api/v1/tickets/{taken}/take", null, Ct), HttpStatusCode.OK);
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{taken}/classify", new { classification = "error" }, Ct), HttpStatusCode.OK);
        var mine = $"/api/v1/tickets?customerId={customer.Id}";

        Assert.Equal([taken, waiting], await Numbers(desk.Consultant, mine));
        Assert.Equal([taken], await Numbers(desk.Consultant, $"{mine}&assignee=me"));
        Assert.Empty(await Numbers(desk.SecondConsultant, $"{mine}&assignee=me"));
        Assert.Equal([waiting], await Numbers(desk.Consultant, $"{mine}&assignee=none"));
        Assert.Equal([taken], await Numbers(desk.Consultant, $"{mine}&classification=error"));
        Assert.Equal([taken], await Numbers(desk.Consultant, $"{mine}&priority=urgent"));
        Assert.Equal([waiting], await Numbers(desk.Consultant, $"{mine}&priority=normal"));
        Assert.Equal([taken], await Numbers(desk.Consultant, $"{mine}&channel=whatsApp"));
        Assert.Equal([waiting], await Numbers(desk.Consultant, $"{mine}&channel=email&state=pending"));
        Assert.Equal([taken], await Numbers(desk.Consultant, $"{mine}&state=inProgress"));

        var row = (await Api.Json(await desk.Consultant.GetAsync($"{mine}&assignee=me", Ct), HttpStatusCode.OK)).Items().Single();
        Assert.Equal("Diego Consultor", row.GetProperty("assignee").Str("name"));
        Assert.Equal("inForce", row.GetProperty("customer").GetProperty("agreement").Str("kind"));
    }

    [Fact]
    public async Task An_unknown_state_is_refused_listing_the_states_that_exist()
    {
        var response = await desk.Consultant.GetAsync("/api/v1/tickets?state=abierto", Ct);
        await Api.Problem(response, HttpStatusCode.BadRequest,
            "'abierto' no es un valor válido para state. Valores posibles: triage, regularisation, pending, inProgress, inConsultation, waitingOnRnD, waitingOnCustomer, resolved, closed.");
        await Api.Problem(await desk.Consultant.GetAsync("/api/v1/tickets?classification=bug", Ct), HttpStatusCode.BadRequest, "usageQuery");
        Assert.Contains("bug", Assert.Single(await Api.FieldErrors(await desk.Consultant.GetAsync("/api/v1/tickets?classification=bug", Ct), "classification")));
        await Api.Problem(await desk.Consultant.GetAsync("/api/v1/tickets?state=2", Ct), HttpStatusCode.BadRequest, "pending");
    }

    [Theory]
    [InlineData("minAgeDays=100000000", "minAgeDays", "'100000000' no es un valor válido para minAgeDays: indicá una cantidad de días entre 0 y 36500.")]
    [InlineData("maxAgeDays=100000000", "maxAgeDays", "maxAgeDays")]
    [InlineData("minAgeDays=-1", "minAgeDays", "entre 0 y 36500")]
    [InlineData("createdTo=9999-12-31", "createdTo", "'9999-12-31' no es una fecha válida para createdTo: tiene que estar entre 2000-01-01 y 2100-12-31.")]
    [InlineData("closedTo=9999-12-31", "closedTo", "closedTo")]
    [InlineData("createdFrom=0001-01-01", "createdFrom", "2000-01-01")]
    [InlineData("closedFrom=1999-12-31&closedTo=2026-01-01", "closedFrom", "2100-12-31")]
    public async Task A_window_out_of_range_is_a_400_naming_the_parameter_not_a_server_error(string query, string field, string message)
    {
        var response = await desk.Consultant.GetAsync($"/api/v1/tickets?{query}", Ct);
        Assert.Contains(message, Assert.Single(await Api.FieldErrors(response, field)));
    }

    [Fact]
    public async Task A_window_at_the_edges_of_the_allowed_range_is_answered()
    {
        var customer = await desk.CustomerInForceAsync("Heladería Los Bordes");
        var number = (await desk.IntakeAsync(new { channel = "phone", customerId = customer.Id, subject = "Límites", description = "" })).Str("number");
        var widest = $"/api/v1/tickets?customerId={customer.Id}&minAgeDays=0&maxAgeDays=36500&createdFrom=2000-01-01&createdTo=2100-12-31";
        Assert.Equal([number], await Numbers(desk.Consultant, widest));
        Assert.Empty(await Numbers(desk.Consultant, $"{widest}&closedFrom=2000-01-01&closedTo=2100-12-31"));
    }

    [Theory]
    [InlineData("esto-no-es-un-cursor")]
    [InlineData("MTIz")]
    [InlineData("%21%21%21")]
    public async Task A_bad_cursor_is_refused_asking_for_the_first_page_again(string cursor)
    {
        var response = await desk.Consultant.GetAsync($"/api/v1/tickets?state=pending&cursor={cursor}", Ct);
        await Api.Problem(response, HttpStatusCode.BadRequest, "El cursor de paginación no es válido; pedí la primera página de nuevo.");
    }

    [Fact]
    public async Task An_unknown_ticket_is_a_404_problem_naming_it()
    {
        await Api.Problem(await desk.Consultant.GetAsync("/api/v1/tickets/2026-999999", Ct), HttpStatusCode.NotFound, "No existe el ticket 2026-999999.");
        await Api.Problem(await desk.Consultant.GetAsync("/api/v1/tickets/2026-999999/timeline", Ct), HttpStatusCode.NotFound, "2026-999999");
        await Api.Problem(await desk.Consultant.PostAsync("/api/v1/tickets/2026-999999/take", null, Ct), HttpStatusCode.NotFound, "2026-999999");
        await Api.Problem(await desk.ProjectManager.PostAsync("/api/v1/tickets/2026-999999/release", null, Ct), HttpStatusCode.NotFound, "2026-999999");
        var note = await desk.Consultant.PostAsJsonAsync("/api/v1/tickets/2026-999999/notes", new { text = "Hola", @internal = true }, Ct);
        await Api.Problem(note, HttpStatusCode.NotFound, "2026-999999");
    }

    private async Task<List<string>> AllPages(string url)
    {
        var numbers = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages < 500; pages++)
        {
            var page = await Api.Json(await desk.Consultant.GetAsync(cursor is null ? url : $"{url}&cursor={cursor}", Ct), HttpStatusCode.OK);
            numbers.AddRange(page.Items().Select(i => i.Str("number")));
            cursor = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.Str("next");
            if (cursor is null)
            {
                return numbers;
            }
        }
        throw new InvalidOperationException("The queue never ended: the cursor keeps returning pages.");
    }

    private static async Task<List<string>> Numbers(HttpClient client, string url) =>
        [.. (await Api.Json(await client.GetAsync(url, TestContext.Current.CancellationToken), HttpStatusCode.OK)).Items().Select(i => i.Str("number"))];
}

public sealed class TicketQueuesApiOnSqlite(SqliteDesk desk) : TicketQueuesApiTests(desk), IClassFixture<SqliteDesk>;

public sealed class TicketQueuesApiOnPostgres(PostgresDesk desk) : TicketQueuesApiTests(desk), IClassFixture<PostgresDesk>;
