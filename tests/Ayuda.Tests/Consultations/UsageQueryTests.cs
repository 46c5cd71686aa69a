using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Consultations;

/// <summary>
/// The usage-query path: answered and closed in one step while the customer is on the line; or, when it exceeds the
/// consultant, an internal consultation to the head and other consultants (told in Ayuda and by email, answering as
/// internal notes), then a call-back to the customer whose outcome closes the case.
/// </summary>
public abstract class UsageQueryTests(MailDesk desk) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient _head = null!, _colleague = null!;
    private string _headId = "", _colleagueId = "", _headEmail = "";

    public async ValueTask InitializeAsync()
    {
        var head = $"jefa{Desk.Next()}";
        _headEmail = $"{head}@ayuda.test";
        _head = await desk.StaffAsync(head, "Julia Jefa", "HeadOfImplementation");
        _headId = desk.UserIds[head];
        var colleague = $"consultor{Desk.Next()}";
        _colleague = await desk.StaffAsync(colleague, "Carla Consultora", "Consultant");
        _colleagueId = desk.UserIds[colleague];
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<string> TakenUsageQueryAsync(string customerName)
    {
        var customer = await desk.CustomerInForceAsync(customerName);
        var number = (await desk.IntakeAsync(customer, "¿Cómo anulo una factura?")).Str("number");
        await Api.Json(await desk.Consultant.PostAsync($"/api/v1/tickets/{number}/take", null, Ct), HttpStatusCode.OK);
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/classify", new { classification = "usageQuery" }, Ct), HttpStatusCode.OK);
        return number;
    }

    private async Task<string> StateAsync(string number) =>
        (await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{number}", Ct), HttpStatusCode.OK)).Str("state");

    [Fact]
    public async Task A_usage_query_is_answered_and_closed_in_one_step_while_the_customer_is_on_the_line()
    {
        var customer = await desk.CustomerInForceAsync("Librería El Ateneo Rosario");
        var number = (await desk.IntakeAsync(customer, "¿Dónde cambio la numeración?")).Str("number");

        // No answer, no closing: the ticket stays where it was.
        Assert.Equal(["Escribí la respuesta o resolución: es lo que se le informa al cliente."],
            await Api.FieldErrors(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/answer", new { answer = " " }, Ct), "answer"));
        Assert.Equal("pending", await StateAsync(number));
        await Api.Problem(await desk.Administration.PostAsJsonAsync($"/api/v1/tickets/{number}/answer", new { answer = "Sí" }, Ct), HttpStatusCode.Forbidden);

        // Still Pending: whoever answers takes it.
        var closed = await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/answer",
            new { answer = "En Configuración → Puntos de venta → Numeración." }, Ct), HttpStatusCode.OK);
        Assert.Equal("closed", closed.Str("state"));
        Assert.Equal("Diego Consultor", closed.GetProperty("assignee").Str("name"));
        Assert.Equal("En Configuración → Puntos de venta → Numeración.", closed.Str("resolution"));
        // Answered without classifying: it counts as the usage query it was.
        Assert.Equal("usageQuery", closed.Str("classification"));

        var timeline = await desk.TimelineAsync(number);
        var resolved = Assert.Single(timeline, e => e.Str("kind") == "resolved");
        Assert.False(resolved.GetProperty("internal").GetBoolean());
        // The customer has no email or WhatsApp on file: it closes at once, and the record says no notification could go.
        Assert.Contains(timeline, e => e.Str("kind") == "stateChanged" && e.Str("to") == "closed" && e.Str("text").StartsWith("Sin notificación de cierre"));
        await Api.Problem(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/answer", new { answer = "Otra vez" }, Ct), HttpStatusCode.Conflict, "no se puede resolver");
    }

    [Fact]
    public async Task A_consultation_reaches_the_people_asked_who_answer_as_internal_notes_then_a_call_back_closes_the_case()
    {
        var number = await TakenUsageQueryAsync("Distribuidora Rafaela");
        var question = $"¿Se puede reimprimir un recibo anulado? ({Desk.Next()})";
        var response = await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/consultations", new { question, askUserIds = new[] { _headId, _colleagueId } }, Ct);
        var consultation = await Api.Json(response, HttpStatusCode.Created);
        var id = consultation.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/consultations/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("open", consultation.Str("state"));
        Assert.Equal(["Julia Jefa", "Carla Consultora"], consultation.GetProperty("asked").EnumerateArray().Select(a => a.Str("name")).Order().Reverse());
        Assert.Equal("inConsultation", await StateAsync(number));

        // The head is told on the bell and by email, with the question.
        var notices = await Api.Json(await _head.GetAsync("/api/v1/me/notices", Ct), HttpStatusCode.OK);
        Assert.Contains(notices.GetProperty("items").EnumerateArray(), n => n.Str("text") == $"Diego Consultor te consulta sobre el ticket {number}" && n.Str("link") == $"/tickets/{number}");
        var mail = Assert.Single(await desk.SentToAsync(_headEmail, 1));
        Assert.StartsWith($"Consulta interna sobre el ticket {number}: ¿Cómo anulo una factura?", mail.Subject);
        Assert.Contains(question, mail.Message.TextBody);
        var waiting = await Api.Json(await _colleague.GetAsync("/api/v1/consultations", Ct), HttpStatusCode.OK);
        Assert.Contains(waiting.EnumerateArray(), c => c.GetProperty("id").GetInt64() == id);

        // Only the people asked (or the head) answer.
        await Api.Problem(await desk.SecondConsultant.PostAsJsonAsync($"/api/v1/consultations/{id}/answers", new { text = "Yo sé" }, Ct), HttpStatusCode.Conflict, "No te consultaron");
        var half = await Api.Json(await _colleague.PostAsJsonAsync($"/api/v1/consultations/{id}/answers", new { text = "Creo que sí, desde Reportes." }, Ct), HttpStatusCode.OK);
        Assert.Equal("open", half.Str("state"));
        Assert.Equal("inConsultation", await StateAsync(number));
        var all = await Api.Json(await _head.PostAsJsonAsync($"/api/v1/consultations/{id}/answers", new { text = "Sí: Reportes → Recibos → Reimprimir, tildando «anulados»." }, Ct), HttpStatusCode.OK);
        Assert.Equal("answered", all.Str("state"));
        Assert.All(all.GetProperty("asked").EnumerateArray(), a => Assert.NotEqual(JsonValueKind.Null, a.GetProperty("answeredAt").ValueKind));
        Assert.Equal("inProgress", await StateAsync(number));

        var timeline = await desk.TimelineAsync(number);
        var answers = timeline.Where(e => e.Str("kind") == "consultationAnswered").ToList();
        Assert.Equal(2, answers.Count);
        Assert.All(answers, a => Assert.True(a.GetProperty("internal").GetBoolean()));
        var myNotices = await Api.Json(await desk.Consultant.GetAsync("/api/v1/me/notices", Ct), HttpStatusCode.OK);
        Assert.Contains(myNotices.GetProperty("items").EnumerateArray(), n => n.Str("text") == $"Julia Jefa respondió tu consulta del ticket {number}: ya respondieron todos");

        // The consultant calls the customer back; the outcome of the call is the answer that closes the case.
        var callBack = await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/callbacks",
            new { dueAt = DateTimeOffset.UtcNow.AddMinutes(30), number = "011 4555-0101" }, Ct), HttpStatusCode.Created);
        var done = await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/callbacks/{callBack.GetProperty("id").GetInt64()}/outcome",
            new { outcome = "Le expliqué cómo reimprimir desde Reportes; quedó conforme.", closeTicket = true }, Ct), HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("doneAt").ValueKind);
        var ticket = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{number}", Ct), HttpStatusCode.OK);
        Assert.Equal("closed", ticket.Str("state"));
        Assert.Equal("Le expliqué cómo reimprimir desde Reportes; quedó conforme.", ticket.Str("resolution"));
    }

    [Fact]
    public async Task Consultations_follow_the_roles_and_name_what_is_wrong()
    {
        var number = await TakenUsageQueryAsync("Agropecuaria Venado Tuerto");
        var url = $"/api/v1/tickets/{number}/consultations";
        await Api.Problem(await desk.Administration.PostAsJsonAsync(url, new { question = "¿?", askUserIds = new[] { _headId } }, Ct), HttpStatusCode.Forbidden);

        var body = await Api.Problem(await desk.Consultant.PostAsJsonAsync(url, new { question = "", askUserIds = Array.Empty<string>() }, Ct), HttpStatusCode.BadRequest);
        Assert.Equal("Escribí la pregunta.", body.GetProperty("errors").GetProperty("question")[0].GetString());
        Assert.Equal("Elegí a quién consultar (entre 1 y 10 personas).", body.GetProperty("errors").GetProperty("askUserIds")[0].GetString());
        Assert.Equal(["No podés consultarte a vos mismo."],
            await Api.FieldErrors(await desk.Consultant.PostAsJsonAsync(url, new { question = "¿?", askUserIds = new[] { desk.UserIds["diego"] } }, Ct), "askUserIds"));
        Assert.Equal(["Solo se puede consultar al Jefe de Implementación o a Consultores Funcionales activos."],
            await Api.FieldErrors(await desk.Consultant.PostAsJsonAsync(url, new { question = "¿?", askUserIds = new[] { desk.UserIds["pablo"] } }, Ct), "askUserIds"));
        Assert.Equal("inProgress", await StateAsync(number));

        var consultation = await Api.Json(await desk.Consultant.PostAsJsonAsync(url, new { question = "¿Esto es un error?", askUserIds = new[] { _colleagueId } }, Ct), HttpStatusCode.Created);
        await Api.Problem(await desk.Consultant.PostAsJsonAsync(url, new { question = "¿Y esto?", askUserIds = new[] { _headId } }, Ct), HttpStatusCode.Conflict);
        var id = consultation.GetProperty("id").GetInt64();
        await Api.Problem(await desk.SecondConsultant.PostAsJsonAsync($"/api/v1/consultations/{id}/close", new { }, Ct), HttpStatusCode.Conflict, "Solo quien consultó");
        var closed = await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/consultations/{id}/close", new { note = "Lo resolví leyendo el manual." }, Ct), HttpStatusCode.OK);
        Assert.Equal("closed", closed.Str("state"));
        Assert.Equal("inProgress", await StateAsync(number));
        await Api.Problem(await _colleague.PostAsJsonAsync($"/api/v1/consultations/{id}/answers", new { text = "Tarde" }, Ct), HttpStatusCode.Conflict, "ya está cerrada");

        var listed = await Api.Json(await desk.Consultant.GetAsync(url, Ct), HttpStatusCode.OK);
        Assert.Equal("¿Esto es un error?", Assert.Single(listed.EnumerateArray()).Str("question"));
        await Api.Problem(await desk.Consultant.GetAsync("/api/v1/consultations/999999", Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Resolving_a_ticket_ends_its_open_consultation()
    {
        var number = await TakenUsageQueryAsync("Molinos Cañuelas");
        var consultation = await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/consultations",
            new { question = "¿Alguien sabe?", askUserIds = new[] { _colleagueId } }, Ct), HttpStatusCode.Created);
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/answer", new { answer = "Lo encontré en la ayuda en línea." }, Ct), HttpStatusCode.OK);
        var after = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/consultations/{consultation.GetProperty("id").GetInt64()}", Ct), HttpStatusCode.OK);
        Assert.Equal("closed", after.Str("state"));
        Assert.DoesNotContain((await Api.Json(await _colleague.GetAsync("/api/v1/consultations", Ct), HttpStatusCode.OK)).EnumerateArray(),
            c => c.Str("ticketNumber") == number);
    }
}

public sealed class UsageQueriesOnSqlite(SqliteMailDesk desk) : UsageQueryTests(desk), IClassFixture<SqliteMailDesk>;

public sealed class UsageQueriesOnPostgres(PostgresMailDesk desk) : UsageQueryTests(desk), IClassFixture<PostgresMailDesk>;
