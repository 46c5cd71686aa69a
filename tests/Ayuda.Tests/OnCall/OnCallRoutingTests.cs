using System.Net;
using System.Net.Http.Json;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.OnCall;

/// <summary>
/// A new Pending ticket reaches whoever is on call: a notice on their bell and a mail (caught by the real SMTP server),
/// and — with "outside business hours" chosen — the ticket assigned to them by the rotation, said so in its history.
/// </summary>
public abstract class OnCallRoutingTests(MailDesk desk) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private string _login = "";
    private string _email = "";
    private HttpClient _onCall = null!;

    public async ValueTask InitializeAsync()
    {
        // A mailbox nobody else in the run uses: smtp4dev is shared.
        _login = $"guardia{Guid.NewGuid():N}"[..20];
        _email = $"{_login}@ayuda.test";
        _onCall = await desk.StaffAsync(_login, "Gabriel De Guardia", "Consultant");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task SettingsAsync(string autoAssign, string[] businessDays, string opens, string closes)
    {
        var current = await Api.Json(await desk.Head.GetAsync("/api/v1/settings/oncall", Ct), HttpStatusCode.OK);
        await Api.Json(await desk.Head.PutAsJsonAsync("/api/v1/settings/oncall",
            new { version = current.GetProperty("version").GetInt32(), autoAssign, businessDays, opens, closes }, Ct), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Outside_business_hours_a_new_ticket_is_assigned_to_the_consultant_on_call_who_hears_of_it_on_the_bell_and_by_mail()
    {
        await Api.Json(await desk.Head.PostAsJsonAsync("/api/v1/oncall/rotations", new
        {
            name = "Guardia permanente",
            memberIds = new[] { desk.UserIds[_login] },
            shiftDays = 7,
            handOffDay = "monday",
            handOffTime = "09:00",
            startsOn = Desk.Today.AddDays(-14),
            coverage = "always",
        }, Ct), HttpStatusCode.Created);
        await Api.Problem(await desk.Consultant.PutAsJsonAsync("/api/v1/settings/oncall", new { version = 0, autoAssign = "always" }, Ct), HttpStatusCode.Forbidden);

        // Open every day around the clock, but today is a holiday: it is outside business hours now.
        var everyDay = Enum.GetNames<DayOfWeek>().Select(d => d.ToLowerInvariant()).ToArray();
        await SettingsAsync("outsideBusinessHours", everyDay, "00:00", "00:00");
        var holiday = await Api.Json(await desk.Head.PostAsJsonAsync("/api/v1/oncall/holidays", new { date = Desk.Today, name = "Feriado de prueba" }, Ct), HttpStatusCode.Created);
        var now = await Api.Json(await desk.Consultant.GetAsync("/api/v1/oncall/now", Ct), HttpStatusCode.OK);
        Assert.False(now.GetProperty("businessHours").GetBoolean());

        var customer = await desk.CustomerInForceAsync("Ferretería La Guardia");
        var ticket = await desk.IntakeAsync(customer, "Se cayó el sistema de facturación");
        var number = ticket.Str("number");
        Assert.Equal(("inProgress", desk.UserIds[_login]), (ticket.Str("state"), ticket.GetProperty("assignee").Str("id")));
        var assigned = Assert.Single(await desk.TimelineAsync(number), e => e.Str("kind") == "assignedByOnCall");
        Assert.Equal(("Guardia permanente", "Gabriel De Guardia"), (assigned.Str("from"), assigned.Str("text")));

        var notices = await Api.Json(await _onCall.GetAsync("/api/v1/me/notices", Ct), HttpStatusCode.OK);
        Assert.Contains(notices.Items(), n => n.Str("text") == $"La guardia Guardia permanente te asignó el ticket {number} de Ferretería La Guardia." && n.Str("link") == $"/tickets/{number}");
        var mail = Assert.Single(await desk.SentToAsync(_email, 1), m => m.Subject.Contains(number, StringComparison.Ordinal));
        Assert.Equal($"[#{number}] Te asignaron por guardia: Se cayó el sistema de facturación", mail.Subject);
        Assert.Contains("Estás de guardia en «Guardia permanente»", mail.Message.TextBody);

        // No holiday: the desk is open, so the ticket waits in the queue and the consultant on call is only alerted.
        Assert.Equal(HttpStatusCode.NoContent, (await desk.Head.DeleteAsync($"/api/v1/oncall/holidays/{holiday.GetProperty("id").GetInt32()}", Ct)).StatusCode);
        var second = await desk.IntakeAsync(customer, "Otra consulta en horario");
        Assert.Equal("pending", second.Str("state"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("assignee").ValueKind);
        notices = await Api.Json(await _onCall.GetAsync("/api/v1/me/notices", Ct), HttpStatusCode.OK);
        Assert.Contains(notices.Items(), n => n.Str("text") == $"Nuevo ticket pendiente {second.Str("number")} de Ferretería La Guardia: estás de guardia.");
        await desk.SentToAsync(_email, 2);
        Assert.Contains(await desk.SentToAsync(_email), m => m.Subject == $"[#{second.Str("number")}] Nuevo ticket pendiente: Otra consulta en horario");
        // Nobody else was on call, so nobody else heard of it.
        var others = await Api.Json(await desk.SecondConsultant.GetAsync("/api/v1/me/notices", Ct), HttpStatusCode.OK);
        Assert.DoesNotContain(others.Items(), n => n.Str("link") == $"/tickets/{second.Str("number")}");
    }
}

public sealed class OnCallRoutingOnSqlite(SqliteMailDesk desk) : OnCallRoutingTests(desk), IClassFixture<SqliteMailDesk>;

public sealed class OnCallRoutingOnPostgres(PostgresMailDesk desk) : OnCallRoutingTests(desk), IClassFixture<PostgresMailDesk>;
