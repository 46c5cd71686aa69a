using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Incidents;

/// <summary>
/// The error path: a consultant registers an error ticket as a quality incident (or links it to a known one), R&amp;D
/// moves it through its states with a comment each time, and every move shows on every linked customer's ticket.
/// </summary>
public abstract class IncidentTests(Desk desk) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient _rnd = null!;

    public async ValueTask InitializeAsync() => _rnd = await desk.StaffAsync($"rnd{Desk.Next()}", "Roberto Desarrollo", "RnDManager");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static object NewIncident(string title = "El remito no calcula el IVA") =>
        new { title, product = "Gestión Comercial", affectedVersion = "5.2.1", description = "Al emitir un remito con descuento el IVA queda en cero.", severity = "high", module = "Ventas" };

    /// <summary>An error ticket the consultant has taken and classified, ready to become an incident.</summary>
    private async Task<string> ErrorTicketAsync(string customerName, HttpClient? consultant = null)
    {
        consultant ??= desk.Consultant;
        var customer = await desk.CustomerInForceAsync(customerName);
        var number = (await desk.IntakeAsync(customer, "Error en remitos")).Str("number");
        await Api.Json(await consultant.PostAsync($"/api/v1/tickets/{number}/take", null, Ct), HttpStatusCode.OK);
        await Api.Json(await consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/classify", new { classification = "error" }, Ct), HttpStatusCode.OK);
        return number;
    }

    private async Task<JsonElement> MoveAsync(string number, string to, string? fixVersion = null, string? duplicateOf = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        await Api.Json(await _rnd.PostAsJsonAsync($"/api/v1/incidents/{number}/transitions",
            new { to, comment = $"Pasa a {to}", fixVersion, duplicateOf }, Ct), expected);

    [Fact]
    public async Task An_error_ticket_becomes_an_incident_and_waits_on_rnd()
    {
        var ticket = await ErrorTicketAsync("Droguería del Sur");
        var response = await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{ticket}/incident", NewIncident(), Ct);
        var incident = await Api.Json(response, HttpStatusCode.Created);
        Assert.Matches(@"^INC-\d{4}-\d{4}$", incident.Str("number"));
        Assert.Equal($"/api/v1/incidents/{incident.Str("number")}", response.Headers.Location?.OriginalString);
        Assert.Equal("registered", incident.Str("state"));
        Assert.Equal("Diego Consultor", incident.Str("reporterName"));
        Assert.Equal("Roberto Desarrollo", incident.Str("ownerName"));
        Assert.Equal(Desk.Today.ToString("yyyy-MM-dd"), incident.Str("detectedOn"));
        Assert.Equal(ticket, Assert.Single(incident.GetProperty("tickets").EnumerateArray()).Str("number"));

        var detail = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{ticket}", Ct), HttpStatusCode.OK);
        Assert.Equal("waitingOnRnD", detail.Str("state"));
        var timeline = await desk.TimelineAsync(ticket);
        Assert.Contains(timeline, e => e.Str("kind") == "incidentLinked" && e.Str("to") == incident.Str("number"));
    }

    [Fact]
    public async Task A_ticket_not_classified_as_an_error_cannot_become_an_incident_and_bad_fields_are_named()
    {
        var customer = await desk.CustomerInForceAsync("Cerealera Junín");
        var number = (await desk.IntakeAsync(customer, "Consulta de uso")).Str("number");
        await Api.Json(await desk.Consultant.PostAsync($"/api/v1/tickets/{number}/take", null, Ct), HttpStatusCode.OK);
        await Api.Problem(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/incident", NewIncident(), Ct), HttpStatusCode.Conflict, "clasificado como error");

        var response = await desk.Consultant.PostAsJsonAsync("/api/v1/incidents", new { title = "", product = "", severity = "tremenda", detectedOn = Desk.Today.AddDays(3) }, Ct);
        await Api.Problem(response, HttpStatusCode.BadRequest);
        var bad = await desk.Consultant.PostAsJsonAsync("/api/v1/incidents", new { title = " ", product = "X", affectedVersion = "1", description = "d", severity = "high", detectedOn = Desk.Today.AddDays(3) }, Ct);
        var errors = (await Api.Problem(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal("Poné un título que describa el error.", errors.GetProperty("title")[0].GetString());
        Assert.Equal("La fecha de detección no puede ser futura.", errors.GetProperty("detectedOn")[0].GetString());
    }

    [Fact]
    public async Task One_bug_many_customers_a_move_shows_on_every_linked_ticket_and_tells_their_consultants()
    {
        var first = await ErrorTicketAsync("Mayorista Rosario", desk.Consultant);
        var second = await ErrorTicketAsync("Mayorista Córdoba", desk.SecondConsultant);
        var incident = (await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{first}/incident", NewIncident("El IVA de remitos con descuento"), Ct), HttpStatusCode.Created)).Str("number");
        var linked = await Api.Json(await desk.SecondConsultant.PostAsJsonAsync($"/api/v1/tickets/{second}/incident", new { incidentNumber = incident }, Ct), HttpStatusCode.OK);
        Assert.Equal([first, second], linked.GetProperty("tickets").EnumerateArray().Select(t => t.Str("number")));

        await MoveAsync(incident, "inAnalysis");
        foreach (var ticket in new[] { first, second })
        {
            var moved = Assert.Single(await desk.TimelineAsync(ticket), e => e.Str("kind") == "incidentMoved");
            Assert.Equal(("registered", $"{incident}:inAnalysis", "Pasa a inAnalysis", "Roberto Desarrollo"),
                (moved.Str("from"), moved.Str("to"), moved.Str("text"), moved.Str("actorName")));
        }
        foreach (var consultant in new[] { desk.Consultant, desk.SecondConsultant })
        {
            var notices = await Api.Json(await consultant.GetAsync("/api/v1/me/notices", Ct), HttpStatusCode.OK);
            Assert.True(notices.GetProperty("unread").GetInt32() >= 1);
            Assert.Contains(notices.GetProperty("items").EnumerateArray(), n => n.Str("text").StartsWith($"La incidencia {incident} pasó a En análisis", StringComparison.Ordinal));
        }
        var history = (await Api.Json(await _rnd.GetAsync($"/api/v1/incidents/{incident}", Ct), HttpStatusCode.OK)).GetProperty("history").EnumerateArray().Select(h => h.Str("kind")).ToList();
        Assert.Equal(["registered", "ticketLinked", "ticketLinked", "moved"], history);
    }

    private static readonly string[] AllStates = ["registered", "inAnalysis", "inCorrection", "fixed", "delivered", "verified", "closed", "rejected", "duplicate"];

    public static TheoryData<string> States => new(AllStates);

    private static readonly Dictionary<string, string[]> Legal = new()
    {
        ["registered"] = ["inAnalysis", "rejected", "duplicate"],
        ["inAnalysis"] = ["inCorrection", "rejected", "duplicate"],
        ["inCorrection"] = ["fixed", "inAnalysis", "duplicate"],
        ["fixed"] = ["delivered", "inCorrection"],
        ["delivered"] = ["verified", "inCorrection"],
        ["verified"] = ["closed", "inCorrection"],
        ["closed"] = [],
        ["rejected"] = [],
        ["duplicate"] = [],
    };

    private static readonly Dictionary<string, string[]> PathTo = new()
    {
        ["registered"] = [],
        ["inAnalysis"] = ["inAnalysis"],
        ["inCorrection"] = ["inAnalysis", "inCorrection"],
        ["fixed"] = ["inAnalysis", "inCorrection", "fixed"],
        ["delivered"] = ["inAnalysis", "inCorrection", "fixed", "delivered"],
        ["verified"] = ["inAnalysis", "inCorrection", "fixed", "delivered", "verified"],
        ["closed"] = ["inAnalysis", "inCorrection", "fixed", "delivered", "verified", "closed"],
        ["rejected"] = ["rejected"],
        ["duplicate"] = ["duplicate"],
    };

    [Theory]
    [MemberData(nameof(States))]
    public async Task Every_move_from_a_state_is_allowed_or_refused_as_the_procedure_says(string from)
    {
        var original = (await Api.Json(await desk.Consultant.PostAsJsonAsync("/api/v1/incidents", NewIncident("Original"), Ct), HttpStatusCode.Created)).Str("number");
        foreach (var to in AllStates)
        {
            var number = (await Api.Json(await desk.Consultant.PostAsJsonAsync("/api/v1/incidents", NewIncident($"De {from} a {to}"), Ct), HttpStatusCode.Created)).Str("number");
            foreach (var step in PathTo[from])
            {
                await MoveAsync(number, step, fixVersion: "5.2.2", duplicateOf: original);
            }
            var response = await _rnd.PostAsJsonAsync($"/api/v1/incidents/{number}/transitions", new { to, comment = "Prueba", fixVersion = "5.2.2", duplicateOf = original }, Ct);
            if (Legal[from].Contains(to))
            {
                Assert.Equal(to, (await Api.Json(response, HttpStatusCode.OK)).Str("state"));
            }
            else
            {
                await Api.Problem(response, HttpStatusCode.Conflict, "no puede pasar de");
            }
        }
    }

    [Fact]
    public async Task A_move_needs_its_comment_fixed_needs_the_version_duplicate_its_original_and_only_rnd_moves()
    {
        var number = (await Api.Json(await desk.Consultant.PostAsJsonAsync("/api/v1/incidents", NewIncident("Validaciones"), Ct), HttpStatusCode.Created)).Str("number");
        var url = $"/api/v1/incidents/{number}/transitions";
        Assert.Equal(["Cada cambio de estado lleva un comentario."], await Api.FieldErrors(await _rnd.PostAsJsonAsync(url, new { to = "inAnalysis", comment = " " }, Ct), "comment"));
        await Api.Problem(await desk.Consultant.PostAsJsonAsync(url, new { to = "inAnalysis", comment = "yo" }, Ct), HttpStatusCode.Forbidden);
        Assert.Equal(["Indicá de qué otra incidencia es duplicada."], await Api.FieldErrors(await _rnd.PostAsJsonAsync(url, new { to = "duplicate", comment = "repetida" }, Ct), "duplicateOf"));
        await MoveAsync(number, "inAnalysis");
        await MoveAsync(number, "inCorrection");
        Assert.Equal(["Para pasar a Corregida indicá la versión que trae la corrección."],
            await Api.FieldErrors(await _rnd.PostAsJsonAsync(url, new { to = "fixed", comment = "listo" }, Ct), "fixVersion"));
        var fixedOne = await MoveAsync(number, "fixed", fixVersion: "5.2.3");
        Assert.Equal("5.2.3", fixedOne.Str("fixVersion"));
        Assert.Equal(["delivered", "inCorrection"], fixedOne.GetProperty("nextStates").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Customers_of_a_duplicate_follow_the_original_incident()
    {
        var ticket = await ErrorTicketAsync("Imprenta Avellaneda");
        var original = (await Api.Json(await desk.Consultant.PostAsJsonAsync("/api/v1/incidents", NewIncident("Original del IVA"), Ct), HttpStatusCode.Created)).Str("number");
        var copy = (await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{ticket}/incident", NewIncident("Copia del IVA"), Ct), HttpStatusCode.Created)).Str("number");
        await MoveAsync(copy, "duplicate", duplicateOf: original);
        var detail = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{ticket}", Ct), HttpStatusCode.OK);
        Assert.Equal(original, detail.Str("incidentNumber"));
        var moved = await Api.Json(await _rnd.GetAsync($"/api/v1/incidents/{original}", Ct), HttpStatusCode.OK);
        Assert.Contains(moved.GetProperty("tickets").EnumerateArray(), t => t.Str("number") == ticket);
        Assert.Equal(HttpStatusCode.OK, (await _rnd.GetAsync("/api/v1/incidents?olderThanDays=2000000", Ct)).StatusCode);
    }

    [Fact]
    public async Task Two_moves_at_once_from_the_same_state_let_only_one_through()
    {
        var number = (await Api.Json(await desk.Consultant.PostAsJsonAsync("/api/v1/incidents", NewIncident("Carrera"), Ct), HttpStatusCode.Created)).Str("number");
        var second = await desk.StaffAsync($"rnd{Desk.Next()}", "Segunda Desarrollo", "RnDManager");
        var both = await Task.WhenAll(
            _rnd.PostAsJsonAsync($"/api/v1/incidents/{number}/transitions", new { to = "inAnalysis", comment = "Lo analizo yo" }, Ct),
            second.PostAsJsonAsync($"/api/v1/incidents/{number}/transitions", new { to = "inAnalysis", comment = "No, lo analizo yo" }, Ct));
        Assert.Single(both, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(both, r => r.StatusCode == HttpStatusCode.Conflict);
        var history = (await Api.Json(await _rnd.GetAsync($"/api/v1/incidents/{number}", Ct), HttpStatusCode.OK)).GetProperty("history");
        Assert.Single(history.EnumerateArray(), h => h.Str("kind") == "moved");
    }

    [Fact]
    public async Task Evidence_is_attached_and_downloaded_only_as_a_file_and_the_register_filters()
    {
        var number = (await Api.Json(await desk.Consultant.PostAsJsonAsync("/api/v1/incidents", new { title = "Pantalla en blanco al imprimir", product = "Punto de Venta", affectedVersion = "3.1", description = "d", severity = "critical" }, Ct), HttpStatusCode.Created)).Str("number");
        using var form = new MultipartFormDataContent();
        var bytes = "<script>alert(1)</script>"u8.ToArray();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/html");
        form.Add(file, "file", "captura.html");
        var withEvidence = await Api.Json(await desk.Consultant.PostAsync($"/api/v1/incidents/{number}/evidence", form, Ct), HttpStatusCode.OK);
        var evidence = Assert.Single(withEvidence.GetProperty("evidence").EnumerateArray());
        var download = await desk.Consultant.GetAsync($"/api/v1/incidents/evidence/{evidence.GetProperty("id").GetInt64()}", Ct);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync(Ct));

        var critical = await Api.Json(await _rnd.GetAsync("/api/v1/incidents?severity=critical&product=Punto%20de%20Venta&limit=200", Ct), HttpStatusCode.OK);
        Assert.Contains(critical.Items(), i => i.Str("number") == number);
        Assert.All(critical.Items(), i => Assert.Equal("critical", i.Str("severity")));
        var byNumber = await Api.Json(await _rnd.GetAsync($"/api/v1/incidents?q={number.ToLowerInvariant()}", Ct), HttpStatusCode.OK);
        Assert.Equal(number, Assert.Single(byNumber.Items()).Str("number"));
    }
}

public sealed class IncidentsOnSqlite(SqliteDesk desk) : IncidentTests(desk), IClassFixture<SqliteDesk>;

public sealed class IncidentsOnPostgres(PostgresDesk desk) : IncidentTests(desk), IClassFixture<PostgresDesk>;
