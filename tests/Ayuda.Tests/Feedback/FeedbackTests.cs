using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Data;
using Ayuda.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Tests.Feedback;

/// <summary>
/// The suggestions and complaints register: a complaint recorded from the customer's ticket is acknowledged to them
/// (mail that reaches the real server, in their language), shows on the ticket and in the register, and tells the
/// head, who records what was done and closes it. A complaint never closes without an outcome and is never deleted.
/// </summary>
public abstract class FeedbackTests(MailDesk desk) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient _rnd = null!;

    public async ValueTask InitializeAsync() => _rnd = await desk.StaffAsync($"rnd{Desk.Next()}", "Roberto Desarrollo", "RnDManager");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The contact writes to the desk; the consultant takes the ticket and classifies it as <paramref name="classification"/>.</summary>
    private async Task<(Customer Customer, Contact Contact, string Ticket)> EmailTicketAsync(string customerName, string classification = "complaint")
    {
        var customer = await desk.CustomerInForceAsync(customerName);
        var contact = await desk.ContactAsync(customer, "Gabriela Ortiz");
        await desk.DeliverAndWaitAsync(Letters.Mail(contact.Email, desk.Address, "Nadie me atiende", "Hace tres días que llamo y nadie me atiende."));
        var ticket = Assert.Single(await desk.TicketsFromAsync(contact.Email)).Str("number");
        await Api.Json(await desk.Consultant.PostAsync($"/api/v1/tickets/{ticket}/take", null, Ct), HttpStatusCode.OK);
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{ticket}/classify", new { classification }, Ct), HttpStatusCode.OK);
        return (customer, contact, ticket);
    }

    private static Task<HttpResponseMessage> RecordAsync(HttpClient client, object body) => client.PostAsJsonAsync("/api/v1/feedback", body, Ct);

    private async Task<JsonElement> RecordedAsync(HttpClient client, object body) => await Api.Json(await RecordAsync(client, body), HttpStatusCode.Created);

    private static Task<HttpResponseMessage> ReviewAsync(HttpClient client, string number, string? outcome, bool close) =>
        client.PostAsJsonAsync($"/api/v1/feedback/{number}/review", new { outcome, close }, Ct);

    private async Task<IReadOnlyList<SentMail>> AcknowledgementsToAsync(string address, string subject) =>
        (await Eventually.Async(() => desk.SentToAsync(address), sent => sent.Any(m => m.Subject.Contains(subject, StringComparison.Ordinal)), $"'{subject}' sent to {address}"))
            .Where(m => m.Subject.Contains(subject, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task A_complaint_from_an_email_ticket_is_acknowledged_once_shows_on_the_timeline_lists_in_the_register_and_tells_the_head()
    {
        var (customer, contact, ticket) = await EmailTicketAsync("Farmacia Central");
        var response = await RecordAsync(desk.Consultant, new { ticketNumber = ticket, category = "responseTime", description = "Tres días sin respuesta a sus llamados." });
        var entry = await Api.Json(response, HttpStatusCode.Created);
        var number = entry.Str("number");
        Assert.Matches(@"^SR-\d{4}-\d{4}$", number);
        Assert.Equal($"/api/v1/feedback/{number}", response.Headers.Location?.OriginalString);
        Assert.Equal(("complaint", customer.Id, "Gabriela Ortiz", ticket, "open"),
            (entry.Str("kind"), entry.GetProperty("customerId").GetInt32(), entry.Str("contactName"), entry.Str("ticketNumber"), entry.Str("state")));
        Assert.Equal(("sent", "email", contact.Email), (entry.Str("acknowledgement"), entry.Str("acknowledgedVia"), entry.Str("acknowledgedTo")));
        Assert.Equal(Desk.Today.ToString("yyyy-MM-dd"), entry.Str("receivedOn"));

        var mail = Assert.Single(await AcknowledgementsToAsync(contact.Email, $"Registramos su reclamo {number}"));
        Assert.Contains($"[#{ticket}]", mail.Subject);
        Assert.StartsWith("Hola Gabriela Ortiz:", mail.Message.TextBody);
        Assert.Contains("El responsable de Implementación lo va a revisar", mail.Message.TextBody);
        Assert.Contains("Tres días sin respuesta a sus llamados.", mail.Message.TextBody);
        // Everything queued before a newer mail has gone out once that one arrives: still exactly one acknowledgement.
        await desk.SentinelAsync();
        Assert.Single(await desk.SentToAsync(contact.Email), m => m.Subject.Contains(number, StringComparison.Ordinal));

        var recorded = Assert.Single(await desk.TimelineAsync(ticket), e => e.Str("kind") == "feedbackRecorded");
        Assert.Equal((number, "Diego Consultor"), (recorded.Str("to"), recorded.Str("actorName")));
        Assert.Contains(await desk.TimelineAsync(ticket), e => e.Str("kind") == "messageOut" && e.Str("text").Contains(number, StringComparison.Ordinal));

        var register = await Api.Json(await desk.Administration.GetAsync($"/api/v1/feedback?kind=complaint&state=open&customerId={customer.Id}", Ct), HttpStatusCode.OK);
        var row = Assert.Single(register.Items());
        Assert.Equal((number, "Farmacia Central", "responseTime"), (row.Str("number"), row.Str("customerName"), row.Str("category")));
        Assert.Empty((await Api.Json(await desk.Administration.GetAsync($"/api/v1/feedback?kind=suggestion&customerId={customer.Id}", Ct), HttpStatusCode.OK)).Items());

        var notices = await Api.Json(await desk.Head.GetAsync("/api/v1/me/notices", Ct), HttpStatusCode.OK);
        Assert.Contains(notices.Items(), n => n.Str("text") == $"Nuevo reclamo {number} de Farmacia Central, registrado por Diego Consultor: espera tu revisión." && n.Str("link") == $"/feedback/{number}");

        // The same ticket cannot be recorded twice (a double click, a second consultant).
        await Api.Problem(await RecordAsync(desk.SecondConsultant, new { ticketNumber = ticket, category = "service", description = "Otra vez" }), HttpStatusCode.Conflict, "ya está registrado");
    }

    [Fact]
    public async Task Administration_records_a_complaint_made_in_person_and_an_english_customer_is_told_in_english()
    {
        var customer = await desk.CustomerInForceAsync("Harbour Logistics");
        var detail = await Api.Json(await desk.Administration.GetAsync($"/api/v1/customers/{customer.Id}", Ct), HttpStatusCode.OK);
        await Api.Json(await desk.Administration.PutAsJsonAsync($"/api/v1/customers/{customer.Id}", new
        {
            name = customer.Name, taxId = detail.Str("taxId"), phones = new[] { new { number = customer.Phone, label = "Central" } }, emailDomains = new[] { customer.Domain }, language = "en",
        }, Ct), HttpStatusCode.OK);
        var contact = await desk.ContactAsync(customer, "John Smith");

        var entry = await RecordedAsync(desk.Administration, new
        {
            kind = "complaint", customerId = customer.Id, contactId = contact.Id, category = "commercial", description = "Invoiced twice for March.", receivedOn = Desk.Today.AddDays(-2),
        });
        Assert.Equal((Desk.Today.AddDays(-2).ToString("yyyy-MM-dd"), "Ana Administración"), (entry.Str("receivedOn"), entry.Str("recordedByName")));
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("ticketNumber").ValueKind);

        var mail = Assert.Single(await AcknowledgementsToAsync(contact.Email, $"We have recorded your complaint {entry.Str("number")}"));
        Assert.StartsWith("Hello John Smith,", mail.Message.TextBody);
        Assert.Contains("Our head of implementation will review it", mail.Message.TextBody);
        Assert.DoesNotContain("Registramos", mail.Message.TextBody);
    }

    [Fact]
    public async Task A_ticket_with_no_way_to_write_says_so_on_the_entry_and_in_an_internal_note()
    {
        var customer = await desk.CustomerInForceAsync("Kiosco El Trébol");
        var ticket = (await desk.IntakeAsync(customer, "Sugiere pagar con QR")).Str("number");
        var entry = await RecordedAsync(desk.Administration, new { ticketNumber = ticket, kind = "suggestion", category = "product", description = "Que el sistema acepte pagos con QR." });
        Assert.Equal("impossible", entry.Str("acknowledgement"));
        Assert.Contains("no tiene correo ni WhatsApp", entry.Str("acknowledgementNote"));
        var note = Assert.Single(await desk.TimelineAsync(ticket), e => e.Str("kind") == "note");
        Assert.Contains($"No se pudo avisar al cliente que quedó registrado como {entry.Str("number")}", note.Str("text"));
        Assert.True(note.GetProperty("internal").GetBoolean());
    }

    [Fact]
    public async Task A_complaint_closes_only_with_an_outcome_shows_who_reviewed_it_and_then_stays_closed()
    {
        var (_, _, ticket) = await EmailTicketAsync("Librería Mitre");
        var number = (await RecordedAsync(desk.Consultant, new { ticketNumber = ticket, category = "service", description = "Lo trataron mal por teléfono." })).Str("number");

        await Api.Problem(await ReviewAsync(desk.Head, number, null, close: true), HttpStatusCode.Conflict,
            $"El reclamo {number} no se puede cerrar sin resultado: anotá qué se hizo al respecto y después cerralo.");
        Assert.Equal("open", (await Api.Json(await desk.Head.GetAsync($"/api/v1/feedback/{number}", Ct), HttpStatusCode.OK)).Str("state"));

        var reviewed = await Api.Json(await ReviewAsync(desk.Head, number, "Hablamos con el cliente y capacitamos al equipo.", close: false), HttpStatusCode.OK);
        Assert.Equal(("open", "Marta Jefa"), (reviewed.Str("state"), reviewed.Str("reviewedByName")));
        var closed = await Api.Json(await ReviewAsync(desk.Head, number, "Hablamos con el cliente, le pedimos disculpas y capacitamos al equipo.", close: true), HttpStatusCode.OK);
        Assert.Equal(("closed", "Hablamos con el cliente, le pedimos disculpas y capacitamos al equipo.", "Marta Jefa", "Marta Jefa"),
            (closed.Str("state"), closed.Str("outcome"), closed.Str("reviewedByName"), closed.Str("closedByName")));
        Assert.Equal(JsonValueKind.String, closed.GetProperty("closedAt").ValueKind);

        await Api.Problem(await ReviewAsync(desk.Head, number, "Otro resultado", close: false), HttpStatusCode.Conflict, "está cerrado");
        Assert.Single((await Api.Json(await desk.Head.GetAsync("/api/v1/feedback?state=closed&kind=complaint", Ct), HttpStatusCode.OK)).Items(), r => r.Str("number") == number);
    }

    [Fact]
    public async Task A_suggestion_may_close_without_an_outcome()
    {
        var customer = await desk.CustomerInForceAsync("Ferretería Sur");
        var number = (await RecordedAsync(desk.Consultant, new { kind = "suggestion", customerId = customer.Id, category = "product", description = "Un atajo para duplicar facturas." })).Str("number");
        Assert.Equal("impossible", (await Api.Json(await desk.Consultant.GetAsync($"/api/v1/feedback/{number}", Ct), HttpStatusCode.OK)).Str("acknowledgement"));
        Assert.Equal("closed", (await Api.Json(await ReviewAsync(desk.Head, number, null, close: true), HttpStatusCode.OK)).Str("state"));
    }

    [Fact]
    public async Task Only_the_head_reviews_and_the_register_is_not_for_project_or_rnd_managers()
    {
        var customer = await desk.CustomerInForceAsync("Almacén Don Pedro");
        var body = new { kind = "complaint", customerId = customer.Id, category = "other", description = "No le llegó la factura." };
        var number = (await RecordedAsync(desk.Consultant, body)).Str("number");

        await Api.Problem(await ReviewAsync(desk.Consultant, number, "Lo resolví yo", close: true), HttpStatusCode.Forbidden);
        await Api.Problem(await ReviewAsync(desk.Administration, number, "Lo resolví yo", close: true), HttpStatusCode.Forbidden);
        foreach (var outsider in new[] { desk.ProjectManager, _rnd })
        {
            await Api.Problem(await outsider.GetAsync("/api/v1/feedback", Ct), HttpStatusCode.Forbidden);
            await Api.Problem(await outsider.GetAsync($"/api/v1/feedback/{number}", Ct), HttpStatusCode.Forbidden);
            await Api.Problem(await RecordAsync(outsider, body), HttpStatusCode.Forbidden);
        }
        var entry = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/feedback/{number}", Ct), HttpStatusCode.OK);
        Assert.Equal(("open", JsonValueKind.Null), (entry.Str("state"), entry.GetProperty("outcome").ValueKind));
        await Api.Problem(await desk.Head.GetAsync("/api/v1/feedback/SR-1999-9999", Ct), HttpStatusCode.NotFound, "SR-1999-9999");
    }

    [Fact]
    public async Task Bad_input_is_named_field_by_field_and_nothing_is_stored()
    {
        var customer = await desk.CustomerInForceAsync("Panadería La Espiga");
        var other = await desk.ContactAsync(await desk.CustomerInForceAsync("Otra Empresa"), "Ajeno Pérez");
        var before = (await Api.Json(await desk.Head.GetAsync("/api/v1/feedback?limit=200", Ct), HttpStatusCode.OK)).Items().Count();

        var errors = (await Api.Problem(await RecordAsync(desk.Consultant, new { description = " ", receivedOn = Desk.Today.AddDays(1) }), HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal("Elegí si es una sugerencia o un reclamo.", errors.GetProperty("kind")[0].GetString());
        Assert.Equal("Elegí la categoría.", errors.GetProperty("category")[0].GetString());
        Assert.Equal("Elegí el cliente.", errors.GetProperty("customerId")[0].GetString());
        Assert.Equal("Contá qué sugirió o reclamó el cliente.", errors.GetProperty("description")[0].GetString());
        Assert.Equal("La fecha del contacto no puede ser futura.", errors.GetProperty("receivedOn")[0].GetString());

        Assert.Equal(["Ese contacto no es de Panadería La Espiga; elegí uno de sus contactos."], await Api.FieldErrors(await RecordAsync(desk.Consultant,
            new { kind = "complaint", customerId = customer.Id, contactId = other.Id, category = "service", description = "d" }), "contactId"));
        Assert.Equal(["Es demasiado largo: como máximo 8000 caracteres."], await Api.FieldErrors(await RecordAsync(desk.Consultant,
            new { kind = "complaint", customerId = customer.Id, category = "service", description = new string('x', 8001) }), "description"));
        await Api.FieldErrors(await RecordAsync(desk.Consultant, new { kind = "complaint", ticketNumber = "1999-000001", category = "service", description = "d" }), "ticketNumber");
        await Api.Problem(await desk.Consultant.GetAsync("/api/v1/feedback?kind=queja", Ct), HttpStatusCode.BadRequest, "queja");

        Assert.Equal(before, (await Api.Json(await desk.Head.GetAsync("/api/v1/feedback?limit=200", Ct), HttpStatusCode.OK)).Items().Count());
    }

    [Fact]
    public async Task An_entry_is_never_deleted_not_through_the_api_nor_through_the_database_context()
    {
        var customer = await desk.CustomerInForceAsync("Óptica Palermo");
        var number = (await RecordedAsync(desk.Head, new { kind = "complaint", customerId = customer.Id, category = "product", description = "Los anteojos llegaron rotos." })).Str("number");

        var deleted = await desk.Admin.DeleteAsync($"/api/v1/feedback/{number}", Ct);
        Assert.False(deleted.IsSuccessStatusCode, $"DELETE answered {(int)deleted.StatusCode}");

        await using (var db = await desk.App.DbAsync())
        {
            db.FeedbackEntries.Remove(await db.FeedbackEntries.SingleAsync(f => f.Number == number, Ct));
            var refused = await Assert.ThrowsAsync<QualityRecordDeletionException>(() => db.SaveChangesAsync(Ct));
            Assert.Contains(number, refused.Message);
            Assert.Throws<QualityRecordDeletionException>(() => db.SaveChanges());
        }
        Assert.Equal("open", (await Api.Json(await desk.Head.GetAsync($"/api/v1/feedback/{number}", Ct), HttpStatusCode.OK)).Str("state"));
    }
}

public sealed class FeedbackOnSqlite(SqliteMailDesk desk) : FeedbackTests(desk), IClassFixture<SqliteMailDesk>;

public sealed class FeedbackOnPostgres(PostgresMailDesk desk) : FeedbackTests(desk), IClassFixture<PostgresMailDesk>;
