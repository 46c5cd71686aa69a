using System.Net;
using System.Net.Http.Json;
using Ayuda.Tests.Support;
using static Ayuda.Tests.Meetings.MeetingSteps;

namespace Ayuda.Tests.Meetings;

/// <summary>
/// Who may schedule (Implementation) and who may only look (any staff), what a bad request is told field by field,
/// that the calendar reads exactly the range it asks for, and that a change made from a stale read is refused.
/// </summary>
public abstract class MeetingRulesTests(Desk desk)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Number, Contact Contact)> TicketAsync(string customerName)
    {
        var customer = await desk.CustomerInForceAsync(customerName);
        var contact = await desk.ContactAsync(customer, "Nora Paz");
        return (await NewRequirementAsync(desk, customer, contact), contact);
    }

    private static object VideoCall(string start, Contact contact, int duration = 60) =>
        new { kind = "videoCall", start, durationMinutes = duration, attendees = new { contactIds = new[] { contact.Id } } };

    [Fact]
    public async Task Administration_cannot_schedule_but_reads_and_a_consultant_schedules()
    {
        var (number, contact) = await TicketAsync("Estudio Contable Paz");
        await Api.Json(await desk.Administration.PostAsJsonAsync($"/api/v1/tickets/{number}/meetings", VideoCall(Local(2, 11), contact), Ct), HttpStatusCode.Forbidden);
        var meeting = await ScheduleAsync(desk.SecondConsultant, number, VideoCall(Local(2, 11), contact));
        var id = meeting.GetProperty("id").GetInt64();

        await Api.Json(await desk.Administration.PostAsJsonAsync($"/api/v1/meetings/{id}/cancel", new { reason = "x" }, Ct), HttpStatusCode.Forbidden);
        await Api.Json(await desk.ProjectManager.PostAsJsonAsync($"/api/v1/meetings/{id}/reschedule", new { start = Local(3, 11) }, Ct), HttpStatusCode.Forbidden);
        var listed = await Api.Json(await desk.Administration.GetAsync($"/api/v1/tickets/{number}/meetings", Ct), HttpStatusCode.OK);
        Assert.Equal("Lucía Consultora", Assert.Single(listed.EnumerateArray()).Str("organizerName"));
        await Api.Json(await desk.Administration.GetAsync($"/api/v1/meetings/{id}", Ct), HttpStatusCode.OK);
        await Api.Problem(await desk.Consultant.GetAsync("/api/v1/meetings/987654321", Ct), HttpStatusCode.NotFound, "No existe la reunión 987654321");
        await Api.Problem(await desk.Consultant.PostAsJsonAsync("/api/v1/tickets/2000-999999/meetings", VideoCall(Local(2, 11), contact), Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bad_request_is_told_what_is_wrong_field_by_field()
    {
        var (number, contact) = await TicketAsync("Panadería La Espiga");
        var body = await Api.Problem(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/meetings",
            new { kind = "visit", start = Local(-1, 10), durationMinutes = 5, attendees = new { emails = new[] { "no-es-un-mail" } } }, Ct), HttpStatusCode.BadRequest);
        var errors = body.GetProperty("errors");
        Assert.Equal("La reunión tiene que empezar en el futuro.", errors.GetProperty("start")[0].GetString());
        Assert.Equal("La duración va de 15 a 480 minutos.", errors.GetProperty("durationMinutes")[0].GetString());
        Assert.Equal("Indicá la dirección de la visita.", errors.GetProperty("location")[0].GetString());
        Assert.Equal("«no-es-un-mail» no es una dirección de email válida.", errors.GetProperty("attendees")[0].GetString());

        Assert.Equal(["Invitá al menos a una persona con email."], await Api.FieldErrors(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/meetings",
            new { kind = "videoCall", start = Local(2, 10), durationMinutes = 30, attendees = new { } }, Ct), "attendees"));
        Assert.Equal(["Pegá el enlace completo de la videollamada (https://…)."], await Api.FieldErrors(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/meetings",
            new { kind = "videoCall", start = Local(2, 10), durationMinutes = 30, link = "sala 4", attendees = new { contactIds = new[] { contact.Id } } }, Ct), "link"));
        var pasted = await ScheduleAsync(desk.Consultant, number,
            new { kind = "videoCall", start = Local(2, 10), durationMinutes = 30, link = "https://teams.microsoft.com/l/meetup-join/abc", attendees = new { contactIds = new[] { contact.Id } } });
        Assert.Equal("https://teams.microsoft.com/l/meetup-join/abc", pasted.Str("videoLink"));
        Assert.Equal(["Contá por qué se cancela: se lo decimos a los invitados."],
            await Api.FieldErrors(await desk.Consultant.PostAsJsonAsync($"/api/v1/meetings/{pasted.GetProperty("id").GetInt64()}/cancel", new { reason = " " }, Ct), "reason"));
    }

    [Fact]
    public async Task The_calendar_reads_only_the_range_it_asks_for()
    {
        var (number, contact) = await TicketAsync("Librería El Ateneo Sur");
        var inside = (await ScheduleAsync(desk.Consultant, number, VideoCall(Local(30, 9), contact))).GetProperty("id").GetInt64();
        var before = (await ScheduleAsync(desk.Consultant, number, VideoCall(Local(28, 9), contact))).GetProperty("id").GetInt64();
        var after = (await ScheduleAsync(desk.Consultant, number, VideoCall(Local(33, 9), contact))).GetProperty("id").GetInt64();
        var cancelled = (await ScheduleAsync(desk.Consultant, number, VideoCall(Local(31, 16), contact))).GetProperty("id").GetInt64();
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/meetings/{cancelled}/cancel", new { reason = "Se superpone." }, Ct), HttpStatusCode.OK);

        var from = Desk.Today.AddDays(29).ToString("yyyy-MM-dd");
        var to = Desk.Today.AddDays(32).ToString("yyyy-MM-dd");
        var range = await Api.Json(await desk.Administration.GetAsync($"/api/v1/meetings?from={from}&to={to}", Ct), HttpStatusCode.OK);
        var ids = range.EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(inside, ids);
        Assert.DoesNotContain(before, ids);
        Assert.DoesNotContain(after, ids);
        Assert.DoesNotContain(cancelled, ids);
        var all = await Api.Json(await desk.Administration.GetAsync($"/api/v1/meetings?from={from}&to={to}&includeCancelled=true", Ct), HttpStatusCode.OK);
        Assert.Contains(all.EnumerateArray(), m => m.GetProperty("id").GetInt64() == cancelled && m.Str("state") == "cancelled");
        var starts = all.EnumerateArray().Select(m => m.GetProperty("start").GetDateTimeOffset()).ToList();
        Assert.Equal(starts.Order(), starts);

        Assert.Equal(["Pedí como mucho 62 días por vez."], await Api.FieldErrors(await desk.Administration.GetAsync($"/api/v1/meetings?from={from}&to={Desk.Today.AddDays(120):yyyy-MM-dd}", Ct), "to"));
        Assert.Single(await Api.FieldErrors(await desk.Administration.GetAsync("/api/v1/meetings?from=mañana", Ct), "from"));
    }

    [Fact]
    public async Task A_change_from_a_stale_read_is_refused()
    {
        var (number, contact) = await TicketAsync("Textil Andina");
        var meeting = await ScheduleAsync(desk.Consultant, number, VideoCall(Local(5, 14), contact));
        var id = meeting.GetProperty("id").GetInt64();
        var version = meeting.GetProperty("version").GetInt32();
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/meetings/{id}/reschedule", new { start = Local(6, 14), version }, Ct), HttpStatusCode.OK);
        await Api.Problem(await desk.SecondConsultant.PostAsJsonAsync($"/api/v1/meetings/{id}/cancel", new { reason = "No hace falta.", version }, Ct),
            HttpStatusCode.Conflict, "mientras la mirabas");
        var now = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/meetings/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal("scheduled", now.Str("state"));
        Assert.Equal($"{Local(6, 14)}:00", now.Str("localStart"));
    }
}

public sealed class MeetingRulesOnSqlite(SqliteDesk desk) : MeetingRulesTests(desk), IClassFixture<SqliteDesk>;

public sealed class MeetingRulesOnPostgres(PostgresDesk desk) : MeetingRulesTests(desk), IClassFixture<PostgresDesk>;
