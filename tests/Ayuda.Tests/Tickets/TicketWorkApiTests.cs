using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Tickets;

/// <summary>Implementation works a Pending ticket: take, assign, classify, notes; each step in the timeline with who did it.</summary>
public abstract class TicketWorkApiTests(Desk desk)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Consultant_takes_a_pending_ticket_and_it_is_in_progress_with_them()
    {
        var number = await PendingAsync();
        var taken = await Api.Json(await desk.Consultant.PostAsync($"/api/v1/tickets/{number}/take", null, Ct), HttpStatusCode.OK);
        Assert.Equal("inProgress", taken.Str("state"));
        Assert.Equal(("Diego Consultor", desk.UserIds["diego"]), (taken.GetProperty("assignee").Str("name"), taken.GetProperty("assignee").Str("id")));
        var assigned = Assert.Single(await desk.TimelineAsync(number), e => e.Str("kind") == "assigned");
        Assert.Equal(("Diego Consultor", desk.UserIds["diego"]), (assigned.Str("actorName"), assigned.Str("to")));

        var late = await desk.SecondConsultant.PostAsync($"/api/v1/tickets/{number}/take", null, Ct);
        await Api.Problem(late, HttpStatusCode.Conflict, $"El ticket {number} ya lo tomó Diego Consultor.");
    }

    [Fact]
    public async Task Administration_cannot_take_tickets_and_a_regularisation_case_cannot_be_taken()
    {
        var number = await PendingAsync();
        await Api.Problem(await desk.Administration.PostAsync($"/api/v1/tickets/{number}/take", null, Ct), HttpStatusCode.Forbidden, "rol");

        var stopped = (await desk.IntakeAsync(await desk.CustomerExpiredAsync("Carpintería Tandil"))).Str("number");
        await Api.Problem(await desk.Consultant.PostAsync($"/api/v1/tickets/{stopped}/take", null, Ct), HttpStatusCode.Conflict, "no está pendiente");
        var ticket = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{stopped}", Ct), HttpStatusCode.OK);
        Assert.Equal(("regularisation", JsonValueKind.Null), (ticket.Str("state"), ticket.GetProperty("assignee").ValueKind));
    }

    [Fact]
    public async Task Head_of_implementation_assigns_and_reassigns_and_the_timeline_shows_both()
    {
        var number = await PendingAsync();
        var assigned = await Api.Json(await desk.Head.PostAsJsonAsync($"/api/v1/tickets/{number}/assign", new { userId = desk.UserIds["diego"] }, Ct), HttpStatusCode.OK);
        Assert.Equal(("inProgress", "Diego Consultor"), (assigned.Str("state"), assigned.GetProperty("assignee").Str("name")));
        var reassigned = await Api.Json(await desk.Head.PostAsJsonAsync($"/api/v1/tickets/{number}/assign", new { userId = desk.UserIds["lucia"] }, Ct), HttpStatusCode.OK);
        Assert.Equal("Lucía Consultora", reassigned.GetProperty("assignee").Str("name"));

        var moves = (await desk.TimelineAsync(number)).Where(e => e.Str("kind") == "assigned").ToList();
        Assert.Equal(2, moves.Count);
        Assert.Equal(desk.UserIds["diego"], moves[1].Str("from"));
        Assert.Equal((desk.UserIds["lucia"], "Lucía Consultora", "Marta Jefa"), (moves[1].Str("to"), moves[1].Str("text"), moves[1].Str("actorName")));
        Assert.Equal([number], await Numbers(desk.SecondConsultant, $"/api/v1/tickets?assignee=me&state=inProgress"));
    }

    [Fact]
    public async Task Only_the_head_assigns_and_only_to_someone_who_works_tickets()
    {
        var number = await PendingAsync();
        await Api.Problem(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/assign", new { userId = desk.UserIds["lucia"] }, Ct), HttpStatusCode.Forbidden, "rol");
        await Api.Problem(await desk.Head.PostAsJsonAsync($"/api/v1/tickets/{number}/assign", new { userId = "no-such-user" }, Ct), HttpStatusCode.BadRequest, "No existe el usuario no-such-user.");
        await Api.Problem(await desk.Head.PostAsJsonAsync($"/api/v1/tickets/{number}/assign", new { userId = desk.UserIds["ana"] }, Ct),
            HttpStatusCode.BadRequest, "Ana Administración no es un consultor o jefe de implementación activo.");
        Assert.Equal("Elegí a quién asignar el ticket.", Assert.Single(await Api.FieldErrors(await desk.Head.PostAsJsonAsync($"/api/v1/tickets/{number}/assign", new { }, Ct), "userId")));

        var ticket = await Api.Json(await desk.Head.GetAsync($"/api/v1/tickets/{number}", Ct), HttpStatusCode.OK);
        Assert.Equal(("pending", JsonValueKind.Null), (ticket.Str("state"), ticket.GetProperty("assignee").ValueKind));
    }

    [Fact]
    public async Task Consultant_classifies_and_reclassifies_and_each_change_is_in_the_timeline()
    {
        var number = await PendingAsync();
        var first = await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/classify", new { classification = "usageQuery" }, Ct), HttpStatusCode.OK);
        Assert.Equal("usageQuery", first.Str("classification"));
        await Api.Json(await desk.SecondConsultant.PostAsJsonAsync($"/api/v1/tickets/{number}/classify", new { classification = "error" }, Ct), HttpStatusCode.OK);

        var changes = (await desk.TimelineAsync(number)).Where(e => e.Str("kind") == "classified")
            .Select(e => (e.GetProperty("from").GetString(), e.Str("to"), e.Str("actorName")));
        Assert.Equal([(null, "usageQuery", "Diego Consultor"), ("usageQuery", "error", "Lucía Consultora")], changes);
        var ticket = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{number}", Ct), HttpStatusCode.OK);
        Assert.Equal("error", ticket.Str("classification"));
    }

    [Fact]
    public async Task Classification_is_refused_to_administration_and_for_values_that_do_not_exist()
    {
        var number = await PendingAsync();
        await Api.Problem(await desk.Administration.PostAsJsonAsync($"/api/v1/tickets/{number}/classify", new { classification = "error" }, Ct), HttpStatusCode.Forbidden);
        await Api.Problem(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/classify", new { classification = "nope" }, Ct), HttpStatusCode.BadRequest, "classification");
        Assert.Contains("consulta de uso", Assert.Single(await Api.FieldErrors(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/classify", new { }, Ct), "classification")));
        Assert.DoesNotContain(await desk.TimelineAsync(number), e => e.Str("kind") == "classified");
    }

    [Fact]
    public async Task A_regularisation_case_cannot_be_classified()
    {
        var stopped = (await desk.IntakeAsync(await desk.CustomerExpiredAsync("Gomería Ruta 3"))).Str("number");
        await Api.Problem(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{stopped}/classify", new { classification = "error" }, Ct), HttpStatusCode.Conflict, "no se puede clasificar");
    }

    [Fact]
    public async Task Internal_notes_and_call_notes_appear_in_the_timeline_with_their_author()
    {
        var number = await PendingAsync();
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/notes", new { text = "Revisar el log del servidor", @internal = true }, Ct), HttpStatusCode.OK);
        await Api.Json(await desk.SecondConsultant.PostAsJsonAsync($"/api/v1/tickets/{number}/notes", new { text = "Llamé a Juana: ya factura", call = true }, Ct), HttpStatusCode.OK);

        var notes = (await desk.TimelineAsync(number)).Where(e => e.Str("kind") is "note" or "callNote")
            .Select(e => (e.Str("kind"), e.Str("text"), e.Str("actorName"), e.GetProperty("internal").GetBoolean()));
        Assert.Equal([("note", "Revisar el log del servidor", "Diego Consultor", true), ("callNote", "Llamé a Juana: ya factura", "Lucía Consultora", true)], notes);
    }

    [Fact]
    public async Task An_empty_note_is_refused()
    {
        var number = await PendingAsync();
        var response = await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/notes", new { text = "   ", @internal = true }, Ct);
        await Api.Problem(response, HttpStatusCode.BadRequest, "Escribí el texto de la nota.");
        Assert.DoesNotContain(await desk.TimelineAsync(number), e => e.Str("kind") == "note");
    }

    private async Task<string> PendingAsync() =>
        (await desk.IntakeAsync(await desk.CustomerInForceAsync($"Cliente Vigente {Desk.Next()}"))).Str("number");

    private static async Task<List<string>> Numbers(HttpClient client, string url) =>
        [.. (await Api.Json(await client.GetAsync(url, TestContext.Current.CancellationToken), HttpStatusCode.OK)).Items().Select(i => i.Str("number"))];
}

public sealed class TicketWorkApiOnSqlite(SqliteDesk desk) : TicketWorkApiTests(desk), IClassFixture<SqliteDesk>;

public sealed class TicketWorkApiOnPostgres(PostgresDesk desk) : TicketWorkApiTests(desk), IClassFixture<PostgresDesk>;
