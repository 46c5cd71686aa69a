using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Phone;

/// <summary>
/// The switchboard reports calls; the call log shows who called (matched in any number format), who answered, how long,
/// and the ticket registered for it. Events may repeat or come out of order without making a second call.
/// </summary>
public abstract class PhoneCallsTests(Desk desk) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient _switchboard = null!;

    public async ValueTask InitializeAsync() => _switchboard = await desk.StaffAsync($"central{Desk.Next()}", "Central telefónica", "Channel");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<JsonElement> EventAsync(object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await Api.Json(await _switchboard.PostAsJsonAsync("/api/v1/channels/phone/events", body, Ct), expected);

    private static string CallId() => $"pbx-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_call_is_identified_answered_and_timed_whatever_format_the_switchboard_uses()
    {
        var customer = await desk.CustomerInForceAsync("Panificadora San Roque");
        var contact = await desk.ContactAsync(customer, "Graciela Benítez");
        var e164 = Desk.E164(contact.Phone);
        var id = CallId();
        var started = DateTimeOffset.UtcNow.AddMinutes(-5);

        // The switchboard sends the bare national digits; the contact was typed as "011 4xxx-xxxx".
        var ringing = await EventAsync(new { @event = "ringing", callId = id, from = "0" + e164[3..], to = "+541150001000", at = started });
        Assert.Equal("ringing", ringing.Str("state"));
        Assert.Equal(e164, ringing.Str("number"));
        Assert.Equal("Panificadora San Roque", ringing.Str("customerName"));
        Assert.Equal("Graciela Benítez", ringing.Str("contactName"));
        Assert.Equal("inForce", ringing.GetProperty("agreement").Str("kind"));

        var answered = await EventAsync(new { @event = "answered", callId = id, from = e164, to = "+541150001000", at = started.AddSeconds(10), agent = "ana@ayuda.test" });
        Assert.Equal("answered", answered.Str("state"));
        Assert.Equal("Ana Administración", answered.Str("takenByName"));

        var ended = await EventAsync(new { @event = "hangup", callId = id, from = e164, to = "+541150001000", at = started.AddSeconds(10 + 185) });
        Assert.Equal("ended", ended.Str("state"));
        Assert.Equal(185, ended.GetProperty("durationSeconds").GetInt32());

        // Redelivered events change nothing and make no second call.
        var again = await EventAsync(new { @event = "hangup", callId = id, from = e164, to = "+541150001000", at = started.AddSeconds(400) });
        Assert.Equal(185, again.GetProperty("durationSeconds").GetInt32());
        var log = await Api.Json(await desk.Administration.GetAsync($"/api/v1/calls?number={Uri.EscapeDataString(e164)}", Ct), HttpStatusCode.OK);
        var call = Assert.Single(log.Items());
        Assert.Equal(id, call.Str("callId"));
    }

    [Fact]
    public async Task A_call_never_answered_is_missed_and_can_be_registered_as_a_ticket_later()
    {
        var customer = await desk.CustomerInForceAsync("Metalúrgica Quilmes");
        var id = CallId();
        await EventAsync(new { @event = "ringing", callId = id, from = customer.Phone, to = "100" });
        var missed = await EventAsync(new { @event = "hangup", callId = id, from = customer.Phone, to = "100" });
        Assert.Equal("missed", missed.Str("state"));
        Assert.Equal(JsonValueKind.Null, missed.GetProperty("durationSeconds").ValueKind);

        var list = await Api.Json(await desk.Administration.GetAsync("/api/v1/calls?state=missed&unregistered=true&limit=200", Ct), HttpStatusCode.OK);
        Assert.Contains(list.Items(), c => c.Str("callId") == id);

        // Administration calls back and registers the call: the ticket is linked to it, and the call leaves the
        // "without a ticket" list.
        var ticket = await desk.IntakeAsync(new { channel = "phone", from = customer.Phone, subject = "Llamó y cortó: no anda el lector", callId = missed.GetProperty("id").GetInt64() });
        Assert.Equal("pending", ticket.Str("state"));
        var call = await Api.Json(await desk.Administration.GetAsync($"/api/v1/calls/{missed.GetProperty("id").GetInt64()}", Ct), HttpStatusCode.OK);
        Assert.Equal(ticket.Str("number"), call.Str("ticketNumber"));
        var unregistered = await Api.Json(await desk.Administration.GetAsync("/api/v1/calls?unregistered=true&limit=200", Ct), HttpStatusCode.OK);
        Assert.DoesNotContain(unregistered.Items(), c => c.Str("callId") == id);

        // A call has one ticket.
        var second = await desk.Administration.PostAsJsonAsync("/api/v1/intake",
            new { channel = "phone", from = customer.Phone, subject = "Otra vez", callId = missed.GetProperty("id").GetInt64() }, Ct);
        await Api.Problem(second, HttpStatusCode.Conflict, $"ya tiene el ticket {ticket.Str("number")}");
    }

    [Fact]
    public async Task A_hang_up_that_arrives_first_still_makes_one_call()
    {
        var id = CallId();
        var number = Desk.NewPhone();
        var hangup = await EventAsync(new { @event = "hangup", callId = id, from = number, to = "100" });
        Assert.Equal("missed", hangup.Str("state"));
        var ringing = await EventAsync(new { @event = "ringing", callId = id, from = number, to = "100" });
        Assert.Equal(hangup.GetProperty("id").GetInt64(), ringing.GetProperty("id").GetInt64());
        Assert.Equal("missed", ringing.Str("state"));
        Assert.Equal(JsonValueKind.Null, ringing.GetProperty("customerId").ValueKind);
    }

    [Fact]
    public async Task An_answer_reported_after_the_hang_up_still_makes_an_answered_call_with_its_duration()
    {
        var id = CallId();
        var number = Desk.NewPhone();
        var started = DateTimeOffset.UtcNow.AddMinutes(-3);
        await EventAsync(new { @event = "ringing", callId = id, from = number, to = "100", at = started });
        await EventAsync(new { @event = "hangup", callId = id, from = number, to = "100", at = started.AddSeconds(95) });
        var answered = await EventAsync(new { @event = "answered", callId = id, from = number, to = "100", at = started.AddSeconds(5), agent = "diego@ayuda.test" });
        Assert.Equal("ended", answered.Str("state"));
        Assert.Equal(90, answered.GetProperty("durationSeconds").GetInt32());
        Assert.Equal("Diego Consultor", answered.Str("takenByName"));
    }

    [Fact]
    public async Task Two_people_registering_the_same_call_get_one_ticket_and_a_clear_answer()
    {
        var customer = await desk.CustomerInForceAsync("Aserradero Misiones");
        var ringing = await EventAsync(new { @event = "ringing", callId = CallId(), from = customer.Phone, to = "100" });
        var callId = ringing.GetProperty("id").GetInt64();
        var second = await desk.StaffAsync($"ana{Desk.Next()}", "Segunda Administración", "Administration");
        var both = await Task.WhenAll(
            desk.Administration.PostAsJsonAsync("/api/v1/intake", new { channel = "phone", from = customer.Phone, subject = "Primera", callId }, Ct),
            second.PostAsJsonAsync("/api/v1/intake", new { channel = "phone", from = customer.Phone, subject = "Segunda", callId }, Ct));
        Assert.Single(both, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Single(both, r => r.StatusCode == HttpStatusCode.Conflict);
        var call = await Api.Json(await desk.Administration.GetAsync($"/api/v1/calls/{callId}", Ct), HttpStatusCode.OK);
        var created = await Api.Json(both.Single(r => r.StatusCode == HttpStatusCode.Created), HttpStatusCode.Created);
        Assert.Equal(created.Str("number"), call.Str("ticketNumber"));
    }

    [Fact]
    public async Task A_call_registered_on_the_intake_form_is_in_the_log_taken_by_who_registered_it()
    {
        var customer = await desk.CustomerInForceAsync("Óptica Belgrano");
        var ticket = await desk.IntakeAsync(new { channel = "phone", from = customer.Phone, subject = "No abre el sistema" });
        var log = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/calls?customerId={customer.Id}", Ct), HttpStatusCode.OK);
        var call = Assert.Single(log.Items());
        Assert.Equal(ticket.Str("number"), call.Str("ticketNumber"));
        Assert.Equal("Ana Administración", call.Str("takenByName"));
        Assert.Equal(Desk.E164(customer.Phone), call.Str("number"));
        Assert.Equal("inbound", call.Str("direction"));
    }

    [Fact]
    public async Task Bad_events_are_refused_field_by_field_and_only_the_switchboard_may_send_them()
    {
        var response = await _switchboard.PostAsJsonAsync("/api/v1/channels/phone/events", new { @event = "transfer", callId = "", from = "", direction = "5" }, Ct);
        var problem = await Api.Problem(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Contains("ringing, answered o hangup", errors.GetProperty("event")[0].GetString());
        Assert.Contains("callId", errors.GetProperty("callId")[0].GetString());
        Assert.Contains("inbound u outbound", errors.GetProperty("direction")[0].GetString());

        await Api.Problem(await desk.Consultant.PostAsJsonAsync("/api/v1/channels/phone/events",
            new { @event = "ringing", callId = CallId(), from = "1145678901" }, Ct), HttpStatusCode.Forbidden);
        await Api.Problem(await desk.ProjectManager.GetAsync("/api/v1/calls", Ct), HttpStatusCode.Forbidden);
    }
}

public sealed class PhoneCallsOnSqlite(SqliteDesk desk) : PhoneCallsTests(desk), IClassFixture<SqliteDesk>;

public sealed class PhoneCallsOnPostgres(PostgresDesk desk) : PhoneCallsTests(desk), IClassFixture<PostgresDesk>;
