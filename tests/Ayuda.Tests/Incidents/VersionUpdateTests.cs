using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Incidents;

/// <summary>
/// A version update is requested from a ticket or an incident, emailed to the R&amp;D manager (arriving at the real mail
/// server), and followed: approved, scheduled, installed — which updates the customer's installed version — or
/// rejected with a reason. Once an incident is delivered, every affected customer gets a request at once.
/// </summary>
public sealed class VersionUpdateTests(SqliteMailDesk desk) : IClassFixture<SqliteMailDesk>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient _rnd = null!;
    private string _rndEmail = "";

    public async ValueTask InitializeAsync()
    {
        var login = $"rnd{Desk.Next()}";
        _rndEmail = $"{login}@ayuda.test";
        _rnd = await desk.StaffAsync(login, "Roberto Desarrollo", "RnDManager");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<Customer> CustomerWithProductAsync(string name)
    {
        var customer = await desk.CustomerInForceAsync(name);
        var detail = await Api.Json(await desk.Administration.GetAsync($"/api/v1/customers/{customer.Id}", Ct), HttpStatusCode.OK);
        await Api.Json(await desk.Administration.PutAsJsonAsync($"/api/v1/customers/{customer.Id}", new
        {
            name, taxId = detail.Str("taxId"), phones = new[] { new { number = customer.Phone, label = "Central" } }, emailDomains = new[] { customer.Domain },
            products = new[] { new { product = "Gestión Comercial", version = "5.2.1" } },
        }, Ct), HttpStatusCode.OK);
        return customer;
    }

    private async Task<JsonElement> MoveAsync(long id, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await Api.Json(await _rnd.PostAsJsonAsync($"/api/v1/version-updates/{id}/transitions", body, Ct), expected);

    [Fact]
    public async Task A_request_is_emailed_to_rnd_and_followed_until_installed_which_updates_the_customer()
    {
        var customer = await CustomerWithProductAsync("Ferretería Industrial Quilmes");
        var request = await Api.Json(await desk.Consultant.PostAsJsonAsync("/api/v1/version-updates",
            new { customerId = customer.Id, product = "Gestión Comercial", targetVersion = "5.3.0", reason = "Necesita la factura de crédito electrónica." }, Ct), HttpStatusCode.Created);
        Assert.Equal("5.2.1", request.Str("currentVersion"));
        Assert.Equal("requested", request.Str("state"));

        var mail = Assert.Single(await desk.SentToAsync(_rndEmail, 1));
        Assert.Contains($"Solicitud de actualización #{request.GetProperty("id").GetInt64()}: Ferretería Industrial Quilmes — Gestión Comercial 5.2.1 → 5.3.0", mail.Subject);
        Assert.Contains("Motivo: Necesita la factura de crédito electrónica.", mail.Message.TextBody);

        var id = request.GetProperty("id").GetInt64();
        // Approving is R&D's decision, not the consultant who asked.
        await Api.Problem(await desk.Consultant.PostAsJsonAsync($"/api/v1/version-updates/{id}/transitions", new { to = "approved" }, Ct), HttpStatusCode.Conflict, "lo decide I+D");
        await MoveAsync(id, new { to = "approved" });
        Assert.Equal(["Indicá la fecha programada."], await Api.FieldErrors(await _rnd.PostAsJsonAsync($"/api/v1/version-updates/{id}/transitions", new { to = "scheduled" }, Ct), "scheduledFor"));
        await Api.Problem(await _rnd.PostAsJsonAsync($"/api/v1/version-updates/{id}/transitions", new { to = "requested" }, Ct), HttpStatusCode.Conflict, "no puede pasar de Aprobada a Solicitada");
        var scheduled = await MoveAsync(id, new { to = "scheduled", scheduledFor = Desk.Today.AddDays(3) });
        Assert.Equal(Desk.Today.AddDays(3).ToString("yyyy-MM-dd"), scheduled.Str("scheduledFor"));
        await MoveAsync(id, new { to = "installed", comment = "Instalada por Diego." });

        var after = await Api.Json(await desk.Administration.GetAsync($"/api/v1/customers/{customer.Id}", Ct), HttpStatusCode.OK);
        Assert.Equal("5.3.0", Assert.Single(after.GetProperty("products").EnumerateArray()).Str("version"));
        var final = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/version-updates/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal(["requested", "approved", "scheduled", "installed"], final.GetProperty("history").EnumerateArray().Select(h => h.Str("to")));
        Assert.Empty(final.GetProperty("nextStates").EnumerateArray());
    }

    [Fact]
    public async Task A_rejection_needs_its_reason_and_bad_requests_are_named()
    {
        var customer = await CustomerWithProductAsync("Almacén Don Pepe");
        var errors = (await Api.Problem(await desk.Consultant.PostAsJsonAsync("/api/v1/version-updates", new { product = "" }, Ct), HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("customerId", out _));
        Assert.True(errors.TryGetProperty("targetVersion", out _));
        Assert.True(errors.TryGetProperty("reason", out _));

        var id = (await Api.Json(await desk.Consultant.PostAsJsonAsync("/api/v1/version-updates",
            new { customerId = customer.Id, product = "Gestión Comercial", targetVersion = "6.0", reason = "Quiere la versión nueva." }, Ct), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        Assert.Equal(["Explicá por qué se rechaza."], await Api.FieldErrors(await _rnd.PostAsJsonAsync($"/api/v1/version-updates/{id}/transitions", new { to = "rejected" }, Ct), "comment"));
        var rejected = await MoveAsync(id, new { to = "rejected", comment = "La 6.0 todavía no es estable para su rubro." });
        Assert.Equal("La 6.0 todavía no es estable para su rubro.", rejected.Str("rejectionReason"));
    }

    [Fact]
    public async Task A_delivered_incident_raises_one_request_per_affected_customer_at_once()
    {
        var incidentNumber = (await Api.Json(await desk.Consultant.PostAsJsonAsync("/api/v1/incidents",
            new { title = "Cierre de caja duplicado", product = "Gestión Comercial", affectedVersion = "5.2.1", description = "d", severity = "high" }, Ct), HttpStatusCode.Created)).Str("number");
        var customers = new List<Customer>();
        foreach (var name in new[] { "Kiosco Sarmiento", "Kiosco Belgrano" })
        {
            var customer = await CustomerWithProductAsync(name);
            customers.Add(customer);
            var ticket = (await desk.IntakeAsync(customer, "Caja duplicada")).Str("number");
            await Api.Json(await desk.Consultant.PostAsync($"/api/v1/tickets/{ticket}/take", null, Ct), HttpStatusCode.OK);
            await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{ticket}/classify", new { classification = "error" }, Ct), HttpStatusCode.OK);
            await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{ticket}/incident", new { incidentNumber }, Ct), HttpStatusCode.OK);
        }
        await Api.Problem(await desk.Consultant.PostAsync($"/api/v1/incidents/{incidentNumber}/version-updates", null, Ct), HttpStatusCode.Conflict, "todavía no está entregada");
        foreach (var (to, fix) in new[] { ("inAnalysis", (string?)null), ("inCorrection", null), ("fixed", "5.2.4"), ("delivered", null) })
        {
            await Api.Json(await _rnd.PostAsJsonAsync($"/api/v1/incidents/{incidentNumber}/transitions", new { to, comment = "ok", fixVersion = fix }, Ct), HttpStatusCode.OK);
        }

        var raised = await Api.Json(await desk.Consultant.PostAsync($"/api/v1/incidents/{incidentNumber}/version-updates", null, Ct), HttpStatusCode.OK);
        Assert.Equal(customers.Select(c => c.Name).Order(), raised.EnumerateArray().Select(r => r.Str("customerName")).Order());
        Assert.All(raised.EnumerateArray(), r => Assert.Equal(("5.2.1", "5.2.4", incidentNumber), (r.Str("currentVersion"), r.Str("targetVersion"), r.Str("incidentNumber"))));
        // Asked again (even by two people at once), nobody gets a second request.
        await Task.WhenAll(desk.Consultant.PostAsync($"/api/v1/incidents/{incidentNumber}/version-updates", null, Ct), _rnd.PostAsync($"/api/v1/incidents/{incidentNumber}/version-updates", null, Ct));
        var again = await Api.Json(await desk.Consultant.PostAsync($"/api/v1/incidents/{incidentNumber}/version-updates", null, Ct), HttpStatusCode.OK);
        Assert.Empty(again.EnumerateArray());
        var listed = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/version-updates?incident={incidentNumber.ToLowerInvariant()}", Ct), HttpStatusCode.OK);
        Assert.Equal(2, listed.GetArrayLength());
    }

    [Fact]
    public async Task The_request_follows_its_edited_template_and_an_english_speaking_manager_reads_it_in_english()
    {
        var login = $"rnden{Desk.Next()}";
        await Api.Json(await desk.Admin.PostAsJsonAsync("/api/v1/staff",
            new { email = $"{login}@ayuda.test", name = "Rachel Dev", password = Desk.Password, roles = new[] { "RnDManager" }, language = "en" }, Ct), HttpStatusCode.Created);
        var read = await Api.Json(await desk.Head.GetAsync("/api/v1/templates/versionUpdate/es", Ct), HttpStatusCode.OK);
        await Api.Json(await desk.Head.PutAsJsonAsync("/api/v1/templates/versionUpdate/es", new
        {
            version = read.GetProperty("version").GetInt32(),
            subject = "Actualizar {{ customer.name }} a {{ update.target_version }}",
            body = "Pedido {{ update.number }} de {{ update.requested_by }}: {{ update.product }} {{ update.current_version }} → {{ update.target_version }}.",
        }, Ct), HttpStatusCode.OK);
        try
        {
            var customer = await CustomerWithProductAsync("Vidriería San Telmo");
            var request = await Api.Json(await desk.Consultant.PostAsJsonAsync("/api/v1/version-updates",
                new { customerId = customer.Id, product = "Gestión Comercial", targetVersion = "5.4.0", reason = "Nuevo régimen de percepciones." }, Ct), HttpStatusCode.Created);
            var id = request.GetProperty("id").GetInt64();

            var spanish = Assert.Single(await desk.SentToAsync(_rndEmail, 1));
            Assert.Equal("Actualizar Vidriería San Telmo a 5.4.0", spanish.Subject);
            Assert.Equal($"Pedido {id} de Diego Consultor: Gestión Comercial 5.2.1 → 5.4.0.", spanish.Message.TextBody!.Trim());
            Assert.DoesNotContain($"{login}@ayuda.test", spanish.To);
            var english = Assert.Single(await desk.SentToAsync($"{login}@ayuda.test", 1));
            Assert.Equal($"Version update request #{id}: Vidriería San Telmo — Gestión Comercial 5.2.1 → 5.4.0", english.Subject);
            Assert.Contains("Reason: Nuevo régimen de percepciones.", english.Message.TextBody);
            Assert.Contains("Incident: —", english.Message.TextBody);
        }
        finally
        {
            var saved = await Api.Json(await desk.Head.GetAsync("/api/v1/templates/versionUpdate/es", Ct), HttpStatusCode.OK);
            await Api.Json(await desk.Head.DeleteAsync($"/api/v1/templates/versionUpdate/es?version={saved.GetProperty("version").GetInt32()}", Ct), HttpStatusCode.OK);
        }
    }
}
