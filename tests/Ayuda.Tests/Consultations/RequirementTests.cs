using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Consultations;

/// <summary>
/// After the meeting, the gathered requirement (relevamiento) is recorded on the ticket and handed to the Project
/// Manager — on the bell, by email and in the requirements queue, with its files — and the ticket moves to closing.
/// </summary>
public abstract class RequirementTests(MailDesk desk) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient _pm = null!;
    private string _pmEmail = "";

    public async ValueTask InitializeAsync()
    {
        var login = $"gerente{Desk.Next()}";
        _pmEmail = $"{login}@ayuda.test";
        _pm = await desk.StaffAsync(login, "Gustavo Gerente", "ProjectManager");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<string> RequirementTicketAsync(string customerName, string classification = "newRequirement")
    {
        var customer = await desk.CustomerInForceAsync(customerName);
        var number = (await desk.IntakeAsync(customer, "Necesitan un módulo de comisiones")).Str("number");
        await Api.Json(await desk.Consultant.PostAsync($"/api/v1/tickets/{number}/take", null, Ct), HttpStatusCode.OK);
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/classify", new { classification }, Ct), HttpStatusCode.OK);
        return number;
    }

    [Fact]
    public async Task The_gathered_requirement_reaches_the_project_manager_with_its_files_and_the_ticket_moves_to_closing()
    {
        var number = await RequirementTicketAsync("Seguros La Segunda Rosario");
        var room = $"sala{Desk.Next()}@segurosla2da.example.com";
        var meeting = await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/meetings", new
        {
            kind = "videoCall", start = DateTimeOffset.UtcNow.AddDays(1), durationMinutes = 60, link = "https://meet.jit.si/Ayuda-comisiones",
            attendees = new { staffIds = new[] { desk.UserIds["diego"] }, emails = new[] { room } },
        }, Ct), HttpStatusCode.Created);
        var notes = $"Comisiones por vendedor y por zona, liquidación mensual, exportar a Excel. ({Desk.Next()})";
        var other = await RequirementTicketAsync("Seguros La Segunda Venado");
        var otherMeeting = await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{other}/meetings", new
        {
            kind = "visit", start = DateTimeOffset.UtcNow.AddDays(2), durationMinutes = 90, location = "Bv. Oroño 1234, Rosario",
            attendees = new { staffIds = new[] { desk.UserIds["diego"] } },
        }, Ct), HttpStatusCode.Created);
        await Api.Problem(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/requirement",
            new { notes, meetingId = otherMeeting.GetProperty("id").GetInt64() }, Ct), HttpStatusCode.BadRequest, "no es del ticket");
        var response = await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/requirement", new { notes, meetingId = meeting.GetProperty("id").GetInt64() }, Ct);
        var requirement = await Api.Json(response, HttpStatusCode.Created);
        var id = requirement.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/requirements/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("new", requirement.Str("state"));
        Assert.Equal("Seguros La Segunda Rosario", requirement.GetProperty("customer").Str("name"));
        Assert.Equal(meeting.GetProperty("id").GetInt64(), requirement.GetProperty("meeting").GetProperty("id").GetInt64());
        Assert.Equal("videoCall", requirement.GetProperty("meeting").Str("kind"));

        var ticket = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{number}", Ct), HttpStatusCode.OK);
        Assert.Equal("resolved", ticket.Str("state"));
        Assert.StartsWith("Relevamos el requerimiento y lo entregamos al Gerente de Proyectos", ticket.Str("resolution"));
        Assert.Contains(await desk.TimelineAsync(number), e => e.Str("kind") == "requirementGathered" && e.Str("to") == id.ToString());

        // The Project Manager: bell, email and queue.
        var notices = await Api.Json(await _pm.GetAsync("/api/v1/me/notices", Ct), HttpStatusCode.OK);
        Assert.Contains(notices.GetProperty("items").EnumerateArray(), n => n.Str("link") == $"/requirements/{id}" && n.Str("text").Contains("Seguros La Segunda Rosario"));
        var mail = Assert.Single(await desk.SentToAsync(_pmEmail, 1));
        Assert.Equal($"Requerimiento relevado: Seguros La Segunda Rosario — ticket {number} Necesitan un módulo de comisiones", mail.Subject);
        Assert.Contains(notes, mail.Message.TextBody);
        var queue = await Api.Json(await _pm.GetAsync("/api/v1/requirements?state=new&limit=200", Ct), HttpStatusCode.OK);
        Assert.Contains(queue.Items(), r => r.GetProperty("id").GetInt64() == id && r.Str("ticketNumber") == number);

        // A document sent later is attached; the Project Manager downloads it.
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("%PDF-1.4 propuesta"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "circuito-comisiones.pdf");
        var withFile = await Api.Json(await desk.Consultant.PostAsync($"/api/v1/requirements/{id}/files", form, Ct), HttpStatusCode.OK);
        var stored = Assert.Single(withFile.GetProperty("files").EnumerateArray());
        Assert.Equal("circuito-comisiones.pdf", stored.Str("fileName"));
        var download = await _pm.GetAsync(stored.Str("url"), Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("%PDF-1.4 propuesta", await download.Content.ReadAsStringAsync(Ct));

        // Deciding is the Project Manager's, and needs the decision written.
        await Api.Problem(await desk.Consultant.PostAsJsonAsync($"/api/v1/requirements/{id}/review", new { state = "closed", comment = "Sí" }, Ct), HttpStatusCode.Forbidden);
        Assert.Equal(["Escribí qué se decidió (cotización, planificación, rechazo y por qué)."],
            await Api.FieldErrors(await _pm.PostAsJsonAsync($"/api/v1/requirements/{id}/review", new { state = "closed" }, Ct), "comment"));
        Assert.Equal("inReview", (await Api.Json(await _pm.PostAsJsonAsync($"/api/v1/requirements/{id}/review", new { state = "inReview" }, Ct), HttpStatusCode.OK)).Str("state"));
        var decided = await Api.Json(await _pm.PostAsJsonAsync($"/api/v1/requirements/{id}/review",
            new { state = "closed", comment = "Cotizado: 40 horas, se envía propuesta." }, Ct), HttpStatusCode.OK);
        Assert.Equal("closed", decided.Str("state"));
        Assert.Equal("Gustavo Gerente", decided.Str("reviewedByName"));
        await Api.Problem(await _pm.PostAsJsonAsync($"/api/v1/requirements/{id}/review", new { state = "inReview" }, Ct), HttpStatusCode.Conflict, "ya tiene una decisión");

        // The resolved ticket is closed; the follow-up meeting it still had is called off, and its attendees hear it.
        Assert.Equal(["Indicá el motivo."], await Api.FieldErrors(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/close", new { }, Ct), "reason"));
        var closed = await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/close",
            new { reason = "El cliente no tiene correo; se le avisó por teléfono." }, Ct), HttpStatusCode.OK);
        Assert.Equal("closed", closed.Str("state"));
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/meetings/{meeting.GetProperty("id").GetInt64()}/cancel",
            new { reason = "Se avanza por la propuesta comercial." }, Ct), HttpStatusCode.OK);
        var roomMails = await desk.SentToAsync(room, 2);
        Assert.Contains("METHOD:CANCEL", roomMails[^1].RawText);
    }

    [Fact]
    public async Task A_requirement_needs_its_notes_a_new_requirement_ticket_and_the_right_people()
    {
        var number = await RequirementTicketAsync("Transporte Automotor Pergamino", classification: "usageQuery");
        Assert.Equal(["Escribí lo relevado: qué necesita el cliente, para qué y con qué urgencia."],
            await Api.FieldErrors(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/requirement", new { notes = "" }, Ct), "notes"));
        await Api.Problem(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/requirement", new { notes = "Algo nuevo" }, Ct), HttpStatusCode.Conflict,
            "como nuevo requerimiento");
        await Api.Problem(await desk.Administration.PostAsJsonAsync($"/api/v1/tickets/{number}/requirement", new { notes = "Algo nuevo" }, Ct), HttpStatusCode.Forbidden);
        Assert.Equal("inProgress", (await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{number}", Ct), HttpStatusCode.OK)).Str("state"));
        Assert.Empty((await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{number}/requirements", Ct), HttpStatusCode.OK)).EnumerateArray());

        await Api.Problem(await desk.Administration.GetAsync("/api/v1/requirements", Ct), HttpStatusCode.Forbidden);
        await Api.Problem(await desk.Administration.GetAsync($"/api/v1/tickets/{number}/requirements", Ct), HttpStatusCode.Forbidden);
        await Api.Json(await desk.Admin.GetAsync("/api/v1/requirements", Ct), HttpStatusCode.OK);
        await Api.Problem(await _pm.GetAsync("/api/v1/requirements/999999", Ct), HttpStatusCode.NotFound);
        // Closing is for resolved tickets only.
        await Api.Problem(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/close", new { reason = "Ya está" }, Ct), HttpStatusCode.Conflict,
            "solo se cierra un ticket resuelto");
    }
}

public sealed class RequirementsOnSqlite(SqliteMailDesk desk) : RequirementTests(desk), IClassFixture<SqliteMailDesk>;

public sealed class RequirementsOnPostgres(PostgresMailDesk desk) : RequirementTests(desk), IClassFixture<PostgresMailDesk>;
