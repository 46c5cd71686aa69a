using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Intake;

/// <summary>The one door: every contact becomes a numbered ticket, and the agreement gate decides where it goes.</summary>
public abstract class IntakeApiTests(Desk desk)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Customer_with_agreement_in_force_goes_to_implementation_as_pending()
    {
        var customer = await desk.CustomerInForceAsync("Supermercado El Sol");
        var response = await desk.Administration.PostAsJsonAsync("/api/v1/intake",
            new { channel = "phone", customerId = customer.Id, subject = "No factura", description = "Error al emitir" }, Ct);
        var ticket = await Api.Json(response, HttpStatusCode.Created);
        Assert.Matches(@"^\d{4}-\d{6}$", ticket.Str("number"));
        Assert.Equal($"/api/v1/tickets/{ticket.Str("number")}", response.Headers.Location?.OriginalString);
        Assert.Equal("pending", ticket.Str("state"));
        Assert.Equal("Supermercado El Sol", ticket.GetProperty("customer").Str("name"));
        Assert.Equal("inForce", ticket.GetProperty("customer").GetProperty("agreement").Str("kind"));
        Assert.Equal("inForce", (await AgreementCheck(ticket)).Str("to"));
    }

    [Fact]
    public async Task Customer_without_agreement_in_force_goes_to_project_manager()
    {
        var customer = await desk.CustomerExpiredAsync("Constructora Andes");
        var ticket = await desk.IntakeAsync(customer);
        Assert.Equal("regularisation", ticket.Str("state"));
        var check = await AgreementCheck(ticket);
        Assert.Equal("expired", check.Str("to"));
        Assert.Equal(Desk.Today.AddDays(-10).ToString("yyyy-MM-dd"), check.Str("text"));
    }

    [Fact]
    public async Task Customer_that_never_had_an_agreement_goes_to_project_manager()
    {
        var customer = await desk.CustomerAsync("Estudio Jurídico Lamas");
        var ticket = await desk.IntakeAsync(customer);
        Assert.Equal("regularisation", ticket.Str("state"));
        Assert.Equal("none", (await AgreementCheck(ticket)).Str("to"));
    }

    [Fact]
    public async Task Customer_with_a_suspended_agreement_goes_to_project_manager()
    {
        var customer = await desk.CustomerAsync("Hilandería Luján");
        await desk.AgreementAsync(customer, -100, 265, "suspended");
        var ticket = await desk.IntakeAsync(customer);
        Assert.Equal("regularisation", ticket.Str("state"));
        Assert.Equal("suspended", (await AgreementCheck(ticket)).Str("to"));
    }

    [Fact]
    public async Task Unknown_sender_lands_in_triage_without_customer()
    {
        var ticket = await desk.IntakeAsync(new { channel = "whatsApp", from = Desk.NewPhone(), subject = "Hola, necesito ayuda", description = "" });
        Assert.Equal("triage", ticket.Str("state"));
        Assert.Equal(JsonValueKind.Null, ticket.GetProperty("customer").ValueKind);
        Assert.DoesNotContain(await desk.TimelineAsync(ticket.Str("number")), e => e.Str("kind") == "agreementChecked");
    }

    [Fact]
    public async Task Caller_is_recognised_by_phone_however_it_is_typed()
    {
        var customer = await desk.CustomerInForceAsync("Aserradero Misiones");
        var contact = await desk.ContactAsync(customer, "Raúl Benítez");
        var local = Desk.E164(contact.Phone)[5..];
        foreach (var typed in new[] { $"+54 11 {local[..4]}-{local[4..]}", $"(011) {local}", $"54 11 {local}" })
        {
            var ticket = await desk.IntakeAsync(new { channel = "phone", from = typed, subject = "Consulta", description = "" });
            Assert.Equal("pending", ticket.Str("state"));
            Assert.Equal(customer.Id, ticket.GetProperty("customer").GetProperty("id").GetInt32());
            Assert.Equal("Raúl Benítez", ticket.GetProperty("contact").Str("name"));
            Assert.Equal(typed, ticket.Str("from"));
        }
    }

    [Fact]
    public async Task Sender_is_recognised_by_contact_email_and_by_customer_domain()
    {
        var customer = await desk.CustomerExpiredAsync("Laboratorio Pampa");
        var contact = await desk.ContactAsync(customer, "Elena Sosa");

        var byEmail = await desk.IntakeAsync(new { channel = "email", from = contact.Email.ToUpperInvariant(), subject = "Error en stock", description = "" });
        Assert.Equal("regularisation", byEmail.Str("state"));
        Assert.Equal(contact.Id, byEmail.GetProperty("contact").GetProperty("id").GetInt32());

        var byDomain = await desk.IntakeAsync(new { channel = "email", from = $"compras@{customer.Domain}", subject = "Consulta", description = "" });
        Assert.Equal(customer.Id, byDomain.GetProperty("customer").GetProperty("id").GetInt32());
        Assert.Equal(JsonValueKind.Null, byDomain.GetProperty("contact").ValueKind);
        Assert.Equal("regularisation", byDomain.Str("state"));
    }

    [Fact]
    public async Task A_phone_shared_by_people_of_two_customers_is_not_guessed_and_goes_to_triage()
    {
        var shared = Desk.NewPhone();
        foreach (var name in new[] { "Hermanos Díaz SRL", "Díaz Hermanos SA" })
        {
            var customer = await desk.CustomerInForceAsync(name);
            var body = new { name = "Jorge Díaz", phones = new[] { new { number = shared, whatsApp = false } } };
            await Api.Json(await desk.Administration.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/contacts", body, Ct), HttpStatusCode.Created);
        }
        var ticket = await desk.IntakeAsync(new { channel = "phone", from = shared, subject = "Consulta", description = "" });
        Assert.Equal("triage", ticket.Str("state"));
        Assert.Equal(JsonValueKind.Null, ticket.GetProperty("customer").ValueKind);
    }

    [Fact]
    public async Task A_contact_of_another_customer_is_refused()
    {
        var customer = await desk.CustomerInForceAsync("Óptica Lomas");
        var contact = await desk.ContactAsync(customer, "Inés Vera");
        var other = await desk.CustomerInForceAsync("Óptica Banfield");
        var response = await desk.Administration.PostAsJsonAsync("/api/v1/intake",
            new { channel = "phone", customerId = other.Id, contactId = contact.Id, subject = "Consulta", description = "" }, Ct);
        Assert.Equal($"El contacto {contact.Id} no es del cliente {other.Id}.", Assert.Single(await Api.FieldErrors(response, "contactId")));
    }

    [Fact]
    public async Task Consultants_and_project_managers_do_not_take_contacts()
    {
        var body = new { channel = "phone", subject = "Consulta", description = "" };
        await Api.Problem(await desk.Consultant.PostAsJsonAsync("/api/v1/intake", body, Ct), HttpStatusCode.Forbidden, "rol");
        await Api.Problem(await desk.ProjectManager.PostAsJsonAsync("/api/v1/intake", body, Ct), HttpStatusCode.Forbidden, "rol");
    }

    [Fact]
    public async Task A_contact_without_subject_is_refused_naming_the_field()
    {
        var response = await desk.Administration.PostAsJsonAsync("/api/v1/intake", new { channel = "phone", subject = "  ", description = "Llamó" }, Ct);
        Assert.Equal("Escribí el asunto de la consulta.", Assert.Single(await Api.FieldErrors(response, "subject")));
    }

    [Fact]
    public async Task An_unknown_channel_is_refused()
    {
        var response = await desk.Administration.PostAsJsonAsync("/api/v1/intake", new { channel = "fax", subject = "Consulta", description = "" }, Ct);
        await Api.Problem(response, HttpStatusCode.BadRequest, "channel");
        var missing = await desk.Administration.PostAsJsonAsync("/api/v1/intake", new { subject = "Consulta", description = "" }, Ct);
        Assert.Contains("phone, email, whatsApp u other", Assert.Single(await Api.FieldErrors(missing, "channel")));
    }

    [Fact]
    public async Task An_unknown_customer_is_refused_instead_of_opening_a_ticket()
    {
        var response = await desk.Administration.PostAsJsonAsync("/api/v1/intake", new { channel = "phone", customerId = 987654, subject = "Consulta", description = "" }, Ct);
        Assert.Equal("No existe el cliente 987654.", Assert.Single(await Api.FieldErrors(response, "customerId")));
    }

    [Fact]
    public async Task The_timeline_starts_with_the_contact_received_by_its_channel_and_who_logged_it()
    {
        var customer = await desk.CustomerInForceAsync("Frigorífico Tandil");
        var ticket = await desk.IntakeAsync(new { channel = "other", customerId = customer.Id, subject = "Visita", description = "" });
        var timeline = await desk.TimelineAsync(ticket.Str("number"));
        Assert.Equal(("received", "other", "Ana Administración"), (timeline[0].Str("kind"), timeline[0].Str("to"), timeline[0].Str("actorName")));
        Assert.Equal(["received", "identified", "agreementChecked", "stateChanged"], timeline.Select(e => e.Str("kind")));
        Assert.Equal(("triage", "pending"), (timeline[^1].Str("from"), timeline[^1].Str("to")));
    }

    [Fact]
    public async Task Contacts_arriving_together_are_each_stored_with_their_own_words_number_and_timeline()
    {
        // Arriving at once, they are written in one transaction where each write statement is prepared once and run
        // again with the next contact's values: every ticket must still carry exactly its own.
        var customer = await desk.CustomerInForceAsync("Cooperativa Agrícola Pampa");
        var words = Enumerable.Range(0, 24).Select(i => $"ráfaga{Guid.NewGuid().ToString("N")[..8]}").ToArray();
        var priorities = new[] { "low", "normal", "high", "urgent" };
        var sent = await Task.WhenAll(words.Select((word, i) => Task.Run(async () =>
        {
            var body = new
            {
                channel = i % 2 == 0 ? "phone" : "other", customerId = customer.Id, subject = $"Consulta {word}",
                description = i % 3 == 0 ? "" : $"Detalle {i} de la consulta {word} con tildes: configuración",
                priority = priorities[i % 4],
            };
            return (Word: word, Index: i, Ticket: await Api.Json(await desk.Administration.PostAsJsonAsync("/api/v1/intake", body, Ct), HttpStatusCode.Created));
        }, Ct)));

        Assert.Equal(words.Length, sent.Select(s => s.Ticket.Str("number")).Distinct().Count());
        foreach (var (word, i, answered) in sent)
        {
            var stored = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{answered.Str("number")}", Ct), HttpStatusCode.OK);
            Assert.Equal($"Consulta {word}", stored.Str("subject"));
            Assert.Equal(i % 3 == 0 ? "" : $"Detalle {i} de la consulta {word} con tildes: configuración", stored.Str("description"));
            Assert.Equal(priorities[i % 4], stored.Str("priority"));
            Assert.Equal(i % 2 == 0 ? "phone" : "other", stored.Str("channel"));
            var timeline = await desk.TimelineAsync(answered.Str("number"));
            Assert.Equal(["received", "identified", "agreementChecked", "stateChanged"], timeline.Select(e => e.Str("kind")));
            var found = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(word)}", Ct), HttpStatusCode.OK);
            Assert.Equal([answered.Str("number")], found.GetProperty("tickets").GetProperty("items").EnumerateArray().Select(t => t.Str("number")));
        }
    }

    private async Task<JsonElement> AgreementCheck(JsonElement ticket) =>
        Assert.Single(await desk.TimelineAsync(ticket.Str("number")), e => e.Str("kind") == "agreementChecked");
}

public sealed class IntakeApiOnSqlite(SqliteDesk desk) : IntakeApiTests(desk), IClassFixture<SqliteDesk>;

public sealed class IntakeApiOnPostgres(PostgresDesk desk) : IntakeApiTests(desk), IClassFixture<PostgresDesk>;
