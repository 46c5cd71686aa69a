using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayuda.Tests.OnCall;

/// <summary>
/// The head of implementation defines rotations, overrides and holidays through the API; consultants see them but
/// cannot change them; everyone asks who is on call; a consultant's personal feed lists their shifts and refuses a
/// wrong token.
/// </summary>
public abstract class OnCallApiTests(Desk desk) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string Id(string login) => desk.UserIds[login];

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, object body) => client.PostAsJsonAsync("/api/v1/oncall/rotations", body, Ct);

    private object Rotation(string name, params string[] logins) => new
    {
        name,
        memberIds = logins.Select(Id).ToArray(),
        shiftDays = 7,
        handOffDay = Desk.Today.AddDays(-3).DayOfWeek.ToString().ToLowerInvariant(),
        handOffTime = "09:00",
        startsOn = Desk.Today.AddDays(-3),
        coverage = "always",
    };

    [Fact]
    public async Task Only_the_head_defines_rotations_and_everyone_sees_who_is_on_call()
    {
        var name = $"Guardia semanal {Desk.Next()}";
        await Api.Problem(await CreateAsync(desk.Consultant, Rotation(name, "diego", "lucia")), HttpStatusCode.Forbidden);
        await Api.Problem(await CreateAsync(desk.Administration, Rotation(name, "diego", "lucia")), HttpStatusCode.Forbidden);

        var response = await CreateAsync(desk.Head, Rotation(name, "diego", "lucia"));
        var created = await Api.Json(response, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/oncall/rotations/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(["Diego Consultor", "Lucía Consultora"], created.GetProperty("members").EnumerateArray().Select(m => m.Str("name")));
        Assert.Equal(("America/Argentina/Buenos_Aires", "09:00", "always"), (created.Str("timeZone"), created.Str("handOffTime"), created.Str("coverage")));
        Assert.Equal("Diego Consultor", created.GetProperty("onCallNow").Str("userName"));

        var now = await Api.Json(await desk.Administration.GetAsync("/api/v1/oncall/now", Ct), HttpStatusCode.OK);
        Assert.Contains(now.GetProperty("onCall").EnumerateArray(), o => o.Str("rotationName") == name && o.Str("userName") == "Diego Consultor" && !o.GetProperty("isOverride").GetBoolean());

        // The head puts Lucía first: she is on call at once.
        var changed = await Api.Json(await desk.Head.PutAsJsonAsync($"/api/v1/oncall/rotations/{id}", Rotation(name, "lucia", "diego"), Ct), HttpStatusCode.OK);
        Assert.Equal("Lucía Consultora", changed.GetProperty("onCallNow").Str("userName"));
        await Api.Problem(await desk.Consultant.PutAsJsonAsync($"/api/v1/oncall/rotations/{id}", Rotation(name, "diego"), Ct), HttpStatusCode.Forbidden);
        var read = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/oncall/rotations/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal("Lucía Consultora", read.GetProperty("members")[0].Str("name"));
        await Api.Problem(await desk.Consultant.GetAsync("/api/v1/oncall/rotations/999999", Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_app_bar_shows_a_new_rotation_and_a_change_to_it_at_once_though_it_keeps_its_answer_a_while()
    {
        // The app bar's answer is kept 15 s per host; a change on this host must not wait for that.
        var header = desk.App.Services.GetRequiredService<Ayuda.Features.OnCall.OnCallQueries>();
        var name = $"Guardia del encabezado {Desk.Next()}";
        Assert.DoesNotContain((await header.NowForHeaderAsync(Ct)).OnCall, o => o.RotationName == name);

        var created = await Api.Json(await CreateAsync(desk.Head, Rotation(name, "diego", "lucia")), HttpStatusCode.Created);
        Assert.Contains((await header.NowForHeaderAsync(Ct)).OnCall, o => o.RotationName == name && o.UserName == "Diego Consultor");

        await Api.Json(await desk.Head.PutAsJsonAsync($"/api/v1/oncall/rotations/{created.GetProperty("id").GetInt32()}", Rotation(name, "lucia", "diego"), Ct),
            HttpStatusCode.OK);
        Assert.Contains((await header.NowForHeaderAsync(Ct)).OnCall, o => o.RotationName == name && o.UserName == "Lucía Consultora");
    }

    [Fact]
    public async Task An_override_replaces_the_scheduled_person_until_it_is_removed()
    {
        var name = $"Guardia reemplazos {Desk.Next()}";
        var id = (await Api.Json(await CreateAsync(desk.Head, Rotation(name, "diego")), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var body = new { userId = Id("lucia"), from = DateTimeOffset.UtcNow.AddHours(-1), to = DateTimeOffset.UtcNow.AddHours(5), reason = "Diego está de licencia" };
        await Api.Problem(await desk.Consultant.PostAsJsonAsync($"/api/v1/oncall/rotations/{id}/overrides", body, Ct), HttpStatusCode.Forbidden);
        var added = await Api.Json(await desk.Head.PostAsJsonAsync($"/api/v1/oncall/rotations/{id}/overrides", body, Ct), HttpStatusCode.Created);

        var onCall = await OnCallNowAsync(name);
        Assert.Equal(("Lucía Consultora", true), (onCall.Str("userName"), onCall.GetProperty("isOverride").GetBoolean()));
        var rotation = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/oncall/rotations/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal("Diego está de licencia", Assert.Single(rotation.GetProperty("overrides").EnumerateArray()).Str("reason"));

        var overrideId = added.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await desk.Head.DeleteAsync($"/api/v1/oncall/rotations/{id}/overrides/{overrideId}", Ct)).StatusCode);
        Assert.Equal("Diego Consultor", (await OnCallNowAsync(name)).Str("userName"));
        await Api.Problem(await desk.Head.DeleteAsync($"/api/v1/oncall/rotations/{id}/overrides/{overrideId}", Ct), HttpStatusCode.NotFound);
    }

    private async Task<JsonElement> OnCallNowAsync(string rotation)
    {
        var now = await Api.Json(await desk.Consultant.GetAsync("/api/v1/oncall/now", Ct), HttpStatusCode.OK);
        return Assert.Single(now.GetProperty("onCall").EnumerateArray(), o => o.Str("rotationName") == rotation);
    }

    [Fact]
    public async Task Invalid_rotations_and_overrides_are_refused_field_by_field()
    {
        var bad = new
        {
            name = "",
            memberIds = new[] { Id("pablo") },
            shiftDays = 40,
            handOffTime = "9 de la mañana",
            timeZone = "Marte/Olimpo",
            coverage = "weekly",
            windows = new[] { new { day = "saturday", from = "18:00", to = "10:00" } },
        };
        var response = await CreateAsync(desk.Head, bad);
        Assert.Contains("Poné un nombre", (await Api.FieldErrors(response, "name"))[0]);
        response = await CreateAsync(desk.Head, bad);
        Assert.Contains("consultores", (await Api.FieldErrors(response, "memberIds"))[0]);
        foreach (var field in new[] { "shiftDays", "handOffTime", "timeZone", "windows[0].to" })
        {
            await Api.FieldErrors(await CreateAsync(desk.Head, bad), field);
        }
        await Api.Problem(await CreateAsync(desk.Head, new { name = "x", memberIds = new[] { Id("diego") }, coverage = "aveces" }), HttpStatusCode.BadRequest);

        var name = $"Guardia validada {Desk.Next()}";
        var id = (await Api.Json(await CreateAsync(desk.Head, Rotation(name, "diego")), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        await Api.FieldErrors(await CreateAsync(desk.Head, Rotation(name, "lucia")), "name");
        var backwards = await desk.Head.PostAsJsonAsync($"/api/v1/oncall/rotations/{id}/overrides",
            new { userId = Id("lucia"), from = DateTimeOffset.UtcNow, to = DateTimeOffset.UtcNow.AddHours(-1) }, Ct);
        Assert.Contains("terminar después", (await Api.FieldErrors(backwards, "to"))[0]);
    }

    [Fact]
    public async Task A_start_date_years_away_is_refused_and_who_is_on_call_keeps_answering()
    {
        var name = $"Guardia del año 9999 {Desk.Next()}";
        var body = new { name, memberIds = new[] { Id("diego") }, handOffDay = "monday", startsOn = "9999-12-31", coverage = "always" };
        Assert.Contains("5 años", (await Api.FieldErrors(await CreateAsync(desk.Head, body), "startsOn"))[0]);
        await Api.FieldErrors(await CreateAsync(desk.Head, body with { startsOn = Desk.Today.AddYears(-6).ToString("O") }), "startsOn");
        await Api.Json(await desk.Consultant.GetAsync("/api/v1/oncall/now", Ct), HttpStatusCode.OK);
        var list = await Api.Json(await desk.Consultant.GetAsync("/api/v1/oncall/rotations", Ct), HttpStatusCode.OK);
        Assert.DoesNotContain(list.EnumerateArray(), r => r.Str("name") == name);
    }

    [Fact]
    public async Task Rotations_stored_before_the_rules_cannot_stop_the_desk_from_opening_tickets()
    {
        var farName = $"Guardia lejana {Desk.Next()}";
        var marsName = $"Guardia marciana {Desk.Next()}";
        var far = (await Api.Json(await CreateAsync(desk.Head, Rotation(farName, "diego")), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var mars = (await Api.Json(await CreateAsync(desk.Head, Rotation(marsName, "lucia")), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        await using (var db = await desk.App.DbAsync())
        {
            // As an older version could store them: a start on Friday 31 December 9999 (Monday hand-off) and an unknown zone.
            await db.OnCallRotations.Where(r => r.Id == far).ExecuteUpdateAsync(u => u.SetProperty(r => r.StartsOn, new DateOnly(9999, 12, 31)), Ct);
            await db.OnCallRotations.Where(r => r.Id == mars).ExecuteUpdateAsync(u => u.SetProperty(r => r.TimeZone, "Marte/Olimpo"), Ct);
        }
        try
        {
            var now = await Api.Json(await desk.Consultant.GetAsync("/api/v1/oncall/now", Ct), HttpStatusCode.OK);
            Assert.DoesNotContain(now.GetProperty("onCall").EnumerateArray(), o => o.Str("rotationName") == farName || o.Str("rotationName") == marsName);
            await Api.Json(await desk.Consultant.GetAsync("/api/v1/oncall/rotations", Ct), HttpStatusCode.OK);
            await Api.Json(await desk.Consultant.GetAsync("/api/v1/oncall/calendar?weeks=2", Ct), HttpStatusCode.OK);

            var customer = await desk.CustomerInForceAsync($"Almacén Intacto {Desk.Next()}");
            var ticket = await desk.IntakeAsync(customer, "Pedido que no se puede perder");
            Assert.StartsWith("Pedido que no se puede perder", ticket.Str("subject"));
        }
        finally
        {
            await using var db = await desk.App.DbAsync();
            await db.OnCallRotations.Where(r => r.Id == far || r.Id == mars).ExecuteDeleteAsync(Ct);
        }
    }

    [Fact]
    public async Task An_override_without_an_offset_is_read_on_the_rotations_clock()
    {
        var name = $"Guardia sin zona {Desk.Next()}";
        var id = (await Api.Json(await CreateAsync(desk.Head, Rotation(name, "diego")), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var day = Desk.Today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var added = await Api.Json(await desk.Head.PostAsJsonAsync($"/api/v1/oncall/rotations/{id}/overrides",
            new { userId = Id("lucia"), from = $"{day}T09:00", to = $"{day}T18:00", reason = "Turno de Diego al médico" }, Ct), HttpStatusCode.Created);
        // 09:00 and 18:00 in Buenos Aires (UTC−3), whatever the server's own zone is.
        Assert.Equal(DateTimeOffset.Parse($"{day}T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), added.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse($"{day}T21:00:00Z", System.Globalization.CultureInfo.InvariantCulture), added.GetProperty("to").GetDateTimeOffset());
        await Api.FieldErrors(await desk.Head.PostAsJsonAsync($"/api/v1/oncall/rotations/{id}/overrides",
            new { userId = Id("lucia"), from = "el lunes", to = $"{day}T18:00" }, Ct), "from");
    }

    [Fact]
    public async Task Holidays_of_an_impossible_year_are_refused_field_by_field()
    {
        foreach (var year in new[] { 0, 10000, -5 })
        {
            Assert.Contains("9999", (await Api.FieldErrors(await desk.Consultant.GetAsync($"/api/v1/oncall/holidays?year={year}", Ct), "year"))[0]);
        }
        await Api.Json(await desk.Consultant.GetAsync("/api/v1/oncall/holidays?year=9999", Ct), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Holidays_are_listed_added_once_imported_from_an_ics_file_and_removed()
    {
        var year = 2031 + Desk.Next() % 50;
        var added = await Api.Json(await desk.Head.PostAsJsonAsync("/api/v1/oncall/holidays", new { date = $"{year}-05-25", name = "Revolución de Mayo" }, Ct), HttpStatusCode.Created);
        await Api.FieldErrors(await desk.Head.PostAsJsonAsync("/api/v1/oncall/holidays", new { date = $"{year}-05-25", name = "Otra vez" }, Ct), "date");
        await Api.Problem(await desk.Consultant.PostAsJsonAsync("/api/v1/oncall/holidays", new { date = $"{year}-07-09", name = "Independencia" }, Ct), HttpStatusCode.Forbidden);

        var ics = string.Join("\r\n",
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Feriados//AR",
            "BEGIN:VEVENT", "UID:a@feriados", "DTSTAMP:20260101T000000Z", $"DTSTART;VALUE=DATE:{year}0525", $"DTEND;VALUE=DATE:{year}0526", "SUMMARY:Día de la Revolución de Mayo", "END:VEVENT",
            "BEGIN:VEVENT", "UID:b@feriados", "DTSTAMP:20260101T000000Z", $"DTSTART;VALUE=DATE:{year}0216", $"DTEND;VALUE=DATE:{year}0218", "SUMMARY:Carnaval", "END:VEVENT",
            "END:VCALENDAR", "");
        var imported = await Api.Json(await UploadAsync(desk.Head, ics), HttpStatusCode.OK);
        Assert.Equal((2, 1), (imported.GetProperty("added").GetInt32(), imported.GetProperty("skipped").GetInt32()));
        await Api.FieldErrors(await UploadAsync(desk.Head, "esto no es un calendario"), "file");
        await Api.Problem(await UploadAsync(desk.Consultant, ics), HttpStatusCode.Forbidden);

        var list = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/oncall/holidays?year={year}", Ct), HttpStatusCode.OK);
        Assert.Equal([($"{year}-02-16", "Carnaval"), ($"{year}-02-17", "Carnaval"), ($"{year}-05-25", "Revolución de Mayo")],
            list.EnumerateArray().Select(h => (h.Str("date"), h.Str("name"))));

        Assert.Equal(HttpStatusCode.NoContent, (await desk.Head.DeleteAsync($"/api/v1/oncall/holidays/{added.GetProperty("id").GetInt32()}", Ct)).StatusCode);
        Assert.Equal(2, (await Api.Json(await desk.Consultant.GetAsync($"/api/v1/oncall/holidays?year={year}", Ct), HttpStatusCode.OK)).GetArrayLength());
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string ics)
    {
        using var form = new MultipartFormDataContent();
        var file = new StringContent(ics);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/calendar");
        form.Add(file, "file", "feriados.ics");
        return await client.PostAsync("/api/v1/oncall/holidays/import", form, Ct);
    }

    [Fact]
    public async Task A_consultants_feed_lists_their_shifts_without_sign_in_and_refuses_a_wrong_or_renewed_token()
    {
        var name = $"Guardia del feed {Desk.Next()}";
        await Api.Json(await CreateAsync(desk.Head, Rotation(name, "lucia", "diego")), HttpStatusCode.Created);
        var first = await Api.Json(await desk.SecondConsultant.PostAsync("/api/v1/oncall/me/feed", null, Ct), HttpStatusCode.OK);
        var url = new Uri(first.Str("url"));
        Assert.StartsWith("/oncall/feed/", url.AbsolutePath);

        var anonymous = desk.App.CreateClient();
        var response = await anonymous.GetAsync(url.PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync(Ct))!;
        var mine = calendar.Events.Where(e => e.Summary == $"Guardia: {name}").OrderBy(e => e.DtStart!.AsUtc).ToList();
        // Lucía first (from the start date three days ago), then Diego, a week each: her shifts are every other week.
        Assert.True(mine.Count >= 3, $"{mine.Count} shifts in the feed");
        Assert.Equal(TimeSpan.FromDays(7), mine[1].DtEnd!.AsUtc - mine[1].DtStart!.AsUtc);
        Assert.Equal(TimeSpan.FromDays(14), mine[2].DtStart!.AsUtc - mine[1].DtStart!.AsUtc);
        Assert.Equal(mine[0].DtEnd!.AsUtc.AddDays(7), mine[1].DtStart!.AsUtc);
        Assert.Equal(Desk.Today.AddDays(-3), DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(mine[0].DtStart!.AsUtc,
            TimeZoneInfo.FindSystemTimeZoneById("America/Argentina/Buenos_Aires"))));

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/oncall/feed/not-the-token.ics", Ct)).StatusCode);
        await Api.Json(await desk.SecondConsultant.PostAsync("/api/v1/oncall/me/feed", null, Ct), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url.PathAndQuery, Ct)).StatusCode);
        await Api.Problem(await desk.ProjectManager.PostAsync("/api/v1/oncall/me/feed", null, Ct), HttpStatusCode.Forbidden);
    }
}

public sealed class OnCallApiOnSqlite(SqliteDesk desk) : OnCallApiTests(desk), IClassFixture<SqliteDesk>;

public sealed class OnCallApiOnPostgres(PostgresDesk desk) : OnCallApiTests(desk), IClassFixture<PostgresDesk>;
