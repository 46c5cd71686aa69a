using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Phone;

/// <summary>
/// A consultant promises to call back: the call-back is listed for its owner, soonest first and marked once overdue;
/// recording the outcome closes it; both steps are written on the ticket.
/// </summary>
public abstract class CallBackTests(Desk desk)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Number, Contact Contact)> TicketAsync(string customerName)
    {
        var customer = await desk.CustomerInForceAsync(customerName);
        var contact = await desk.ContactAsync(customer, "Rodolfo Pérez");
        var ticket = await desk.IntakeAsync(new { channel = "phone", customerId = customer.Id, contactId = contact.Id, subject = "Consulta sobre el cierre" });
        return (ticket.Str("number"), contact);
    }

    private async Task<JsonElement> ScheduleAsync(HttpClient client, string number, object body, HttpStatusCode expected = HttpStatusCode.Created) =>
        await Api.Json(await client.PostAsJsonAsync($"/api/v1/tickets/{number}/callbacks", body, Ct), expected);

    [Fact]
    public async Task A_call_back_is_listed_for_its_owner_soonest_first_and_closed_by_its_outcome()
    {
        var (number, contact) = await TicketAsync("Distribuidora Oeste");
        var later = await ScheduleAsync(desk.Consultant, number, new { dueAt = DateTimeOffset.Now.AddHours(3), note = "Confirmar que cerró el mes" });
        var sooner = await ScheduleAsync(desk.Consultant, number, new { dueAt = DateTimeOffset.Now.AddHours(1) });

        // The number defaults to the ticket contact's phone; the owner to whoever scheduled it.
        Assert.Equal(Desk.E164(contact.Phone), later.Str("number"));
        Assert.Equal("Diego Consultor", later.Str("ownerName"));
        Assert.False(later.GetProperty("overdue").GetBoolean());

        var mine = await Api.Json(await desk.Consultant.GetAsync("/api/v1/callbacks", Ct), HttpStatusCode.OK);
        var ids = mine.EnumerateArray().Where(c => c.Str("ticketNumber") == number).Select(c => c.GetProperty("id").GetInt64()).ToList();
        Assert.Equal([sooner.GetProperty("id").GetInt64(), later.GetProperty("id").GetInt64()], ids);
        var others = await Api.Json(await desk.SecondConsultant.GetAsync("/api/v1/callbacks", Ct), HttpStatusCode.OK);
        Assert.DoesNotContain(others.EnumerateArray(), c => c.Str("ticketNumber") == number);

        var done = await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/callbacks/{sooner.GetProperty("id").GetInt64()}/outcome",
            new { outcome = "Atendió Rodolfo: el cierre salió bien." }, Ct), HttpStatusCode.OK);
        Assert.Equal("Atendió Rodolfo: el cierre salió bien.", done.Str("outcome"));
        Assert.Equal("Diego Consultor", done.Str("doneByName"));
        var open = await Api.Json(await desk.Consultant.GetAsync("/api/v1/callbacks", Ct), HttpStatusCode.OK);
        Assert.DoesNotContain(open.EnumerateArray(), c => c.GetProperty("id").GetInt64() == sooner.GetProperty("id").GetInt64());

        var timeline = await desk.TimelineAsync(number);
        Assert.Equal(2, timeline.Count(e => e.Str("kind") == "callBackScheduled"));
        var returned = Assert.Single(timeline, e => e.Str("kind") == "callBackDone");
        Assert.Equal("Atendió Rodolfo: el cierre salió bien.", returned.Str("text"));
    }

    [Fact]
    public async Task A_call_back_whose_time_passed_is_marked_overdue()
    {
        var (number, _) = await TicketAsync("Agropecuaria Pergamino");
        var soon = await ScheduleAsync(desk.Consultant, number, new { dueAt = DateTimeOffset.Now.AddSeconds(2) });
        Assert.False(soon.GetProperty("overdue").GetBoolean());
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        var mine = await Api.Json(await desk.Consultant.GetAsync("/api/v1/callbacks", Ct), HttpStatusCode.OK);
        var row = Assert.Single(mine.EnumerateArray(), c => c.GetProperty("id").GetInt64() == soon.GetProperty("id").GetInt64());
        Assert.True(row.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task Only_the_owner_or_the_head_records_the_outcome_and_an_outcome_is_required()
    {
        var (number, _) = await TicketAsync("Textil Pilar");
        var callBack = await ScheduleAsync(desk.Consultant, number, new { dueAt = DateTimeOffset.Now.AddHours(2) });
        var url = $"/api/v1/callbacks/{callBack.GetProperty("id").GetInt64()}/outcome";

        await Api.Problem(await desk.SecondConsultant.PostAsJsonAsync(url, new { outcome = "Llamé yo" }, Ct), HttpStatusCode.Conflict, "le corresponde a Diego Consultor");
        Assert.Equal(["Escribí qué resultó de la llamada."], await Api.FieldErrors(await desk.Consultant.PostAsJsonAsync(url, new { outcome = "  " }, Ct), "outcome"));
        var done = await Api.Json(await desk.Head.PostAsJsonAsync(url, new { outcome = "No atendió; dejé mensaje." }, Ct), HttpStatusCode.OK);
        Assert.Equal("Marta Jefa", done.Str("doneByName"));
        await Api.Problem(await desk.Consultant.PostAsJsonAsync(url, new { outcome = "Otra vez" }, Ct), HttpStatusCode.Conflict, "Marta Jefa ya registró");
    }

    [Fact]
    public async Task Bad_call_backs_are_refused_with_the_reason()
    {
        var (number, _) = await TicketAsync("Librería Tandil");
        Assert.Equal(["La hora ya pasó: elegí una hora futura."],
            await Api.FieldErrors(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/callbacks", new { dueAt = DateTimeOffset.Now.AddHours(-2) }, Ct), "dueAt"));
        Assert.Equal(["Indicá cuándo hay que llamar."],
            await Api.FieldErrors(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/callbacks", new { note = "sin hora" }, Ct), "dueAt"));
        Assert.Contains("persona activa",
            (await Api.FieldErrors(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/callbacks",
                new { dueAt = DateTimeOffset.Now.AddHours(1), ownerId = desk.UserIds["pablo"] }, Ct), "ownerId"))[0]);
        await Api.Problem(await desk.Consultant.PostAsJsonAsync("/api/v1/tickets/2026-999999/callbacks", new { dueAt = DateTimeOffset.Now.AddHours(1) }, Ct), HttpStatusCode.NotFound);
        await Api.Problem(await desk.ProjectManager.PostAsJsonAsync($"/api/v1/tickets/{number}/callbacks", new { dueAt = DateTimeOffset.Now.AddHours(1) }, Ct), HttpStatusCode.Forbidden);

        // Scheduling for a colleague puts it in their list, not mine.
        var forLucia = await ScheduleAsync(desk.Consultant, number, new { dueAt = DateTimeOffset.Now.AddHours(1), ownerId = desk.UserIds["lucia"] });
        var hers = await Api.Json(await desk.SecondConsultant.GetAsync("/api/v1/callbacks", Ct), HttpStatusCode.OK);
        Assert.Contains(hers.EnumerateArray(), c => c.GetProperty("id").GetInt64() == forLucia.GetProperty("id").GetInt64());
    }
}

public sealed class CallBacksOnSqlite(SqliteDesk desk) : CallBackTests(desk), IClassFixture<SqliteDesk>;

public sealed class CallBacksOnPostgres(PostgresDesk desk) : CallBackTests(desk), IClassFixture<PostgresDesk>;
