using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Intake;

/// <summary>What happens to contacts the gate stopped: triage identification, regularisation release, closing without service.</summary>
public abstract class GateApiTests(Desk desk)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Administration_identifies_a_triage_contact_and_the_gate_sends_it_to_implementation()
    {
        var customer = await desk.CustomerInForceAsync("Tambo La Esperanza");
        var number = (await Triage()).Str("number");
        var identified = await Api.Json(await desk.Administration.PostAsJsonAsync($"/api/v1/tickets/{number}/identify", new { customerId = customer.Id }, Ct), HttpStatusCode.OK);
        Assert.Equal("pending", identified.Str("state"));
        Assert.Equal("Tambo La Esperanza", identified.GetProperty("customer").Str("name"));
        var timeline = await desk.TimelineAsync(number);
        Assert.Equal(["received", "identified", "agreementChecked", "stateChanged"], timeline.Select(e => e.Str("kind")));
        Assert.Equal("inForce", timeline[2].Str("to"));
    }

    [Fact]
    public async Task A_triage_contact_identified_as_a_customer_without_agreement_goes_to_the_project_manager()
    {
        var customer = await desk.CustomerExpiredAsync("Bodega Cafayate");
        var number = (await Triage()).Str("number");
        var identified = await Api.Json(await desk.Administration.PostAsJsonAsync($"/api/v1/tickets/{number}/identify", new { customerId = customer.Id }, Ct), HttpStatusCode.OK);
        Assert.Equal("regularisation", identified.Str("state"));

        var again = await desk.Administration.PostAsJsonAsync($"/api/v1/tickets/{number}/identify", new { customerId = customer.Id }, Ct);
        await Api.Problem(again, HttpStatusCode.Conflict, number);
    }

    [Fact]
    public async Task Administration_adds_the_unknown_sender_as_a_contact_so_their_next_mail_is_recognised()
    {
        var customer = await desk.CustomerInForceAsync("Molinos del Sur");
        var sender = $"compras{Desk.Next()}@proveedor.example.com";
        var first = await desk.IntakeAsync(new { channel = "email", from = sender, subject = "Consulta por licencias", description = "Hola" });
        Assert.Equal("triage", first.Str("state"));

        var identified = await Api.Json(await desk.Administration.PostAsJsonAsync($"/api/v1/tickets/{first.Str("number")}/identify",
            new { customerId = customer.Id, addSenderAsContact = true, contactName = "Compras Molinos" }, Ct), HttpStatusCode.OK);
        Assert.Equal("pending", identified.Str("state"));
        Assert.Equal("Compras Molinos", identified.GetProperty("contact").Str("name"));

        var next = await desk.IntakeAsync(new { channel = "email", from = sender, subject = "Otra consulta", description = "Hola de nuevo" });
        Assert.Equal("pending", next.Str("state"));
        Assert.Equal("Compras Molinos", next.GetProperty("contact").Str("name"));
    }

    [Fact]
    public async Task Identifying_needs_a_customer_that_exists()
    {
        var number = (await Triage()).Str("number");
        var none = await desk.Administration.PostAsJsonAsync($"/api/v1/tickets/{number}/identify", new { }, Ct);
        Assert.Equal("Elegí el cliente.", Assert.Single(await Api.FieldErrors(none, "customerId")));
        var unknown = await desk.Administration.PostAsJsonAsync($"/api/v1/tickets/{number}/identify", new { customerId = 987654 }, Ct);
        await Api.Problem(unknown, HttpStatusCode.BadRequest, "No existe el cliente 987654.");
        var ticket = await Api.Json(await desk.Administration.GetAsync($"/api/v1/tickets/{number}", Ct), HttpStatusCode.OK);
        Assert.Equal("triage", ticket.Str("state"));
    }

    [Fact]
    public async Task Release_is_refused_until_an_agreement_is_in_force_then_keeps_the_original_time_of_contact()
    {
        var customer = await desk.CustomerExpiredAsync("Molino Río Cuarto");
        var threeHoursAgo = DateTimeOffset.UtcNow.AddHours(-3);
        var contactedAt = new DateTimeOffset(threeHoursAgo.Year, threeHoursAgo.Month, threeHoursAgo.Day, threeHoursAgo.Hour, threeHoursAgo.Minute, threeHoursAgo.Second, TimeSpan.Zero);
        var number = (await desk.IntakeAsync(new { channel = "phone", customerId = customer.Id, subject = "Cierre de mes", description = "", contactedAt })).Str("number");

        var refused = await desk.ProjectManager.PostAsync($"/api/v1/tickets/{number}/release", null, Ct);
        await Api.Problem(refused, HttpStatusCode.Conflict, "todavía no tiene un acuerdo de asistencia vigente. Registrá el acuerdo y después liberá el caso.");

        await desk.AgreementAsync(customer, 0, 365);
        var released = await Api.Json(await desk.ProjectManager.PostAsync($"/api/v1/tickets/{number}/release", null, Ct), HttpStatusCode.OK);
        Assert.Equal("pending", released.Str("state"));
        Assert.Equal(contactedAt, released.GetProperty("contactedAt").GetDateTimeOffset());
        Assert.True(released.GetProperty("updatedAt").GetDateTimeOffset() > contactedAt.AddHours(2));
        var checks = (await desk.TimelineAsync(number)).Where(e => e.Str("kind") == "agreementChecked").Select(e => e.Str("to"));
        Assert.Equal(["expired", "inForce"], checks);

        var queue = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets?state=pending&customerId={customer.Id}", Ct), HttpStatusCode.OK);
        Assert.Equal(contactedAt, Assert.Single(queue.Items()).GetProperty("contactedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Releasing_a_triage_contact_is_refused_as_not_a_regularisation_case()
    {
        var number = (await Triage()).Str("number");
        var response = await desk.ProjectManager.PostAsync($"/api/v1/tickets/{number}/release", null, Ct);
        await Api.Problem(response, HttpStatusCode.Conflict, $"Solo se liberan casos en regularización; el ticket {number} no lo está.");
    }

    [Fact]
    public async Task Releasing_a_case_already_pending_is_refused()
    {
        var number = (await desk.IntakeAsync(await desk.CustomerInForceAsync("Relojería Centro"))).Str("number");
        await Api.Problem(await desk.ProjectManager.PostAsync($"/api/v1/tickets/{number}/release", null, Ct), HttpStatusCode.Conflict, "Solo se liberan casos en regularización");
    }

    [Fact]
    public async Task Administration_identifies_the_caller_by_contact_and_the_ticket_names_both()
    {
        var customer = await desk.CustomerInForceAsync("Veterinaria Palermo");
        var contact = await desk.ContactAsync(customer, "Lucas Ferreyra");
        var number = (await Triage()).Str("number");
        var identified = await Api.Json(await desk.Administration.PostAsJsonAsync($"/api/v1/tickets/{number}/identify", new { contactId = contact.Id }, Ct), HttpStatusCode.OK);
        Assert.Equal(("pending", "Veterinaria Palermo", "Lucas Ferreyra"),
            (identified.Str("state"), identified.GetProperty("customer").Str("name"), identified.GetProperty("contact").Str("name")));
        var other = await desk.CustomerAsync("Otra Veterinaria");
        var mismatch = await desk.Administration.PostAsJsonAsync($"/api/v1/tickets/{(await Triage()).Str("number")}/identify", new { customerId = other.Id, contactId = contact.Id }, Ct);
        await Api.Problem(mismatch, HttpStatusCode.BadRequest, $"El contacto {contact.Id} no es del cliente {other.Id}.");
    }

    [Fact]
    public async Task Consultants_cannot_release_regularisation_cases()
    {
        var customer = await desk.CustomerExpiredAsync("Astillero Tigre");
        var number = (await desk.IntakeAsync(customer)).Str("number");
        await Api.Problem(await desk.Consultant.PostAsync($"/api/v1/tickets/{number}/release", null, Ct), HttpStatusCode.Forbidden);
        await Api.Problem(await desk.Administration.PostAsync($"/api/v1/tickets/{number}/release", null, Ct), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Project_manager_closes_a_regularisation_case_without_service_and_the_reason_stays_on_record()
    {
        var customer = await desk.CustomerExpiredAsync("Imprenta Quilmes");
        var number = (await desk.IntakeAsync(customer)).Str("number");
        var body = new { reason = "El cliente no renueva el acuerdo" };

        await Api.Problem(await desk.Administration.PostAsJsonAsync($"/api/v1/tickets/{number}/close-without-service", body, Ct), HttpStatusCode.Forbidden);
        var closed = await Api.Json(await desk.ProjectManager.PostAsJsonAsync($"/api/v1/tickets/{number}/close-without-service", body, Ct), HttpStatusCode.OK);
        Assert.Equal("closed", closed.Str("state"));
        var last = (await desk.TimelineAsync(number))[^1];
        Assert.Equal(("stateChanged", "closed", "El cliente no renueva el acuerdo", "Pablo Gerente"),
            (last.Str("kind"), last.Str("to"), last.Str("text"), last.Str("actorName")));
    }

    [Fact]
    public async Task Administration_closes_a_triage_contact_that_was_a_wrong_number()
    {
        var number = (await Triage()).Str("number");
        await Api.Problem(await desk.ProjectManager.PostAsJsonAsync($"/api/v1/tickets/{number}/close-without-service", new { reason = "Número equivocado" }, Ct), HttpStatusCode.Forbidden);
        var closed = await Api.Json(await desk.Administration.PostAsJsonAsync($"/api/v1/tickets/{number}/close-without-service", new { reason = "Número equivocado" }, Ct), HttpStatusCode.OK);
        Assert.Equal("closed", closed.Str("state"));
    }

    [Fact]
    public async Task Closing_without_service_needs_a_reason()
    {
        var customer = await desk.CustomerExpiredAsync("Textil Lanús");
        var number = (await desk.IntakeAsync(customer)).Str("number");
        var response = await desk.ProjectManager.PostAsJsonAsync($"/api/v1/tickets/{number}/close-without-service", new { reason = " " }, Ct);
        Assert.Equal("Indicá el motivo.", Assert.Single(await Api.FieldErrors(response, "reason")));
        var ticket = await Api.Json(await desk.ProjectManager.GetAsync($"/api/v1/tickets/{number}", Ct), HttpStatusCode.OK);
        Assert.Equal("regularisation", ticket.Str("state"));
    }

    [Fact]
    public async Task A_ticket_already_with_implementation_cannot_be_closed_without_service()
    {
        var customer = await desk.CustomerInForceAsync("Autopartes Morón");
        var number = (await desk.IntakeAsync(customer)).Str("number");
        var response = await desk.Administration.PostAsJsonAsync($"/api/v1/tickets/{number}/close-without-service", new { reason = "No corresponde" }, Ct);
        await Api.Problem(response, HttpStatusCode.Conflict, "ya está en Implementación");
    }

    private Task<JsonElement> Triage() =>
        desk.IntakeAsync(new { channel = "email", from = $"desconocido{Desk.Next()}@nadie.example", subject = "Consulta", description = "" });
}

public sealed class GateApiOnSqlite(SqliteDesk desk) : GateApiTests(desk), IClassFixture<SqliteDesk>;

public sealed class GateApiOnPostgres(PostgresDesk desk) : GateApiTests(desk), IClassFixture<PostgresDesk>;
