using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ayuda.Testing.WhatsApp;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.WhatsApp;

/// <summary>
/// Consultants answer WhatsApp tickets from the ticket: free text inside the 24-hour window, the approved template
/// outside it; Meta's status reports show on each message; throttling is retried, a revoked token keeps messages
/// waiting and warns SystemAdmin until a new one is saved, and re-engagement failures are named on the ticket.
/// </summary>
public sealed class WhatsAppOutboundTests(SqliteWhatsAppDesk desk) : IClassFixture<SqliteWhatsAppDesk>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A customer writes (at <paramref name="hoursAgo"/>); their ticket's number once it exists.</summary>
    private async Task<(string Wa, string Number)> ConversationAsync(string text, double hoursAgo = 0)
    {
        var wa = WhatsAppDesk.NewWaId();
        await desk.DeliverAsync(MetaWebhooks.Text(text, from: wa, timestamp: DateTimeOffset.UtcNow.AddHours(-hoursAgo).ToUnixTimeSeconds()));
        var number = Assert.Single(await desk.TicketsFromAsync(wa)).Str("number");
        return (wa, number);
    }

    private async Task<HttpResponseMessage> ReplyAsync(string number, string text) =>
        await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/replies", new { text }, Ct);

    private Task<GraphRequest> SentToAsync(string wa, Func<GraphRequest, bool>? which = null, int count = 1) =>
        Eventually.Async(() => Task.FromResult(desk.Graph.Sends.Where(s => s.StatusCode == 200 && s.Json?.GetProperty("to").GetString() == wa && (which?.Invoke(s) ?? true)).ToList()),
            sends => sends.Count >= count, $"{count} accepted send(s) to {wa}").ContinueWith(t => t.Result.Last(), TaskScheduler.Default);

    private async Task<JsonElement> LastOutAsync(string number, Func<JsonElement, bool> done, string what) =>
        (await Eventually.Async(() => desk.MessagesAsync(number), m => m.LastOrDefault(x => x.Str("direction") == "out") is { ValueKind: JsonValueKind.Object } last && done(last), what))
            .Last(x => x.Str("direction") == "out");

    [Fact]
    public async Task Inside_the_window_a_reply_goes_as_text_and_meta_reports_show_on_the_message()
    {
        var (wa, number) = await ConversationAsync("No me deja cerrar la caja");
        await Api.Json(await ReplyAsync(number, "Hola, ya lo reviso.\nEn 10 minutos te aviso."), HttpStatusCode.OK);

        var send = await SentToAsync(wa, s => s.Json!.Value.GetProperty("type").GetString() == "text" && s.Json.Value.GetProperty("text").GetProperty("body").GetString()!.StartsWith("Hola", StringComparison.Ordinal));
        Assert.Equal("Hola, ya lo reviso.\nEn 10 minutos te aviso.", send.Json!.Value.GetProperty("text").GetProperty("body").GetString());
        Assert.Equal("whatsapp", send.Json.Value.GetProperty("messaging_product").GetString());
        Assert.Equal(WhatsAppDesk.PhoneNumberId, send.PhoneNumberId);
        var wamid = send.Wamid!;
        var sent = await LastOutAsync(number, m => m.GetProperty("delivery").Str("state") == "sent", "the reply sent");
        Assert.Equal(wamid, sent.Str("messageId"));

        // Meta reports out of order: read before delivered; both show, and a late "sent" changes nothing.
        await desk.DeliverAsync(MetaWebhooks.Read(wamid, wa), MetaWebhooks.Delivered(wamid, wa), MetaWebhooks.Sent(wamid, wa));
        var read = await LastOutAsync(number, m => m.GetProperty("delivery").TryGetProperty("readAt", out var r) && r.ValueKind == JsonValueKind.String, "the reply read");
        Assert.Equal(JsonValueKind.String, read.GetProperty("delivery").GetProperty("deliveredAt").ValueKind);
        Assert.Equal("sent", read.GetProperty("delivery").Str("state"));
    }

    [Fact]
    public async Task Outside_the_window_only_the_approved_template_goes_and_without_one_the_reply_is_refused_with_the_reason()
    {
        var (wa, number) = await ConversationAsync("¿Cuándo sale la versión nueva?", hoursAgo: 30);
        await Api.Problem(await ReplyAsync(number, "Sale el lunes."), HttpStatusCode.Conflict, "Pasaron más de 24 h desde el último mensaje del cliente");

        var settings = JsonNode.Parse(await desk.Admin.GetStringAsync("/api/v1/settings/whatsapp", Ct))!;
        settings["templates"] = new JsonArray(new JsonObject
        {
            ["kind"] = "reply", ["name"] = "respuesta_caso", ["language"] = "es_AR", ["parameters"] = new JsonArray("ticket.number", "message"),
        });
        await Api.Json(await desk.Admin.PutAsJsonAsync("/api/v1/settings/whatsapp", settings, Ct), HttpStatusCode.OK);

        await Api.Json(await ReplyAsync(number, "Sale el lunes.\nTe aviso   apenas    esté."), HttpStatusCode.OK);
        var send = await SentToAsync(wa, s => s.Json!.Value.GetProperty("type").GetString() == "template");
        var template = send.Json!.Value.GetProperty("template");
        Assert.Equal("respuesta_caso", template.GetProperty("name").GetString());
        Assert.Equal("es_AR", template.GetProperty("language").GetProperty("code").GetString());
        var parameters = template.GetProperty("components")[0].GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("text").GetString()).ToList();
        // Meta refuses line breaks and long runs of spaces in parameters: they are flattened.
        Assert.Equal([number, "Sale el lunes. · Te aviso   apenas   esté."], parameters);
        Assert.DoesNotContain(desk.Graph.Sends, s => s.Json?.GetProperty("to").GetString() == wa && s.Json.Value.GetProperty("type").GetString() == "text"
            && s.Json.Value.GetProperty("text").GetProperty("body").GetString()!.Contains("lunes"));
        var message = await LastOutAsync(number, m => m.GetProperty("delivery").Str("state") == "sent", "the template sent");
        Assert.Equal("[respuesta_caso]", message.GetProperty("delivery").Str("template"));
    }

    [Fact]
    public async Task Throttling_is_retried_until_the_message_goes_once()
    {
        var (wa, number) = await ConversationAsync("Consulta rápida");
        await SentToAsync(wa); // the acknowledgement
        desk.Graph.RateLimitNext(1);
        desk.Graph.ServerErrorNext(1);
        await Api.Json(await ReplyAsync(number, "Respuesta tras el límite"), HttpStatusCode.OK);
        var sent = await LastOutAsync(number, m => m.GetProperty("delivery").Str("state") == "sent", "the reply sent after retries");
        Assert.Equal(3, sent.GetProperty("delivery").GetProperty("attempts").GetInt32());
        Assert.Single(desk.Graph.Sends, s => s.StatusCode == 200 && s.Json?.GetProperty("to").GetString() == wa && s.Json.Value.GetProperty("text").GetProperty("body").GetString() == "Respuesta tras el límite");
    }

    [Fact]
    public async Task A_re_engagement_failure_is_named_on_the_ticket_and_warns_the_administrator()
    {
        var (wa, number) = await ConversationAsync("Necesito ayuda con el cierre");
        await Api.Json(await ReplyAsync(number, "¿Seguís con el problema?"), HttpStatusCode.OK);
        var send = await SentToAsync(wa, s => s.Json!.Value.GetProperty("type").GetString() == "text" && s.Json.Value.GetProperty("text").GetProperty("body").GetString() == "¿Seguís con el problema?");
        await LastOutAsync(number, m => m.GetProperty("delivery").Str("state") == "sent", "the reply sent");

        await desk.DeliverAsync(MetaWebhooks.ReEngagementFailed(send.Wamid!, wa));
        var failed = await LastOutAsync(number, m => m.GetProperty("delivery").Str("state") == "failed", "the reply failed");
        Assert.Contains("solo acepta una plantilla aprobada (131047)", failed.GetProperty("delivery").Str("lastError"));
        var timeline = await desk.TimelineAsync(number);
        Assert.Contains(timeline, e => e.Str("kind") == "deliveryFailed" && e.Str("text").Contains("131047"));
        var alerts = await Api.Json(await desk.Admin.GetAsync("/api/v1/channels/alerts", Ct), HttpStatusCode.OK);
        Assert.Contains(alerts.EnumerateArray(), a => a.GetProperty("code").GetInt32() == 131047 && a.Str("message").Contains(wa));
    }

    [Fact]
    public async Task A_re_engagement_refusal_when_sending_fails_the_message_at_once_without_retrying()
    {
        var (wa, number) = await ConversationAsync("Hola");
        await SentToAsync(wa); // the acknowledgement
        desk.Graph.FailNextSends(1, 400, 131047, "Re-engagement message", "More than 24 hours have passed since the recipient last replied to the sender number.");
        await Api.Json(await ReplyAsync(number, "¿Pudiste probar?"), HttpStatusCode.OK);
        var failed = await LastOutAsync(number, m => m.GetProperty("delivery").Str("state") == "failed", "the reply failed");
        Assert.Equal(1, failed.GetProperty("delivery").GetProperty("attempts").GetInt32());
        Assert.Contains("(131047)", failed.GetProperty("delivery").Str("lastError"));
    }

    [Fact]
    public async Task With_two_numbers_a_customer_is_answered_from_the_number_they_wrote_to()
    {
        const string second = "108000000000042";
        const string secondToken = "EAAG-segundo-numero";
        const string secondSecret = "secreto-de-otra-app";
        desk.Graph.Register(second, secondToken);
        var settings = JsonNode.Parse(await desk.Admin.GetStringAsync("/api/v1/settings/whatsapp", Ct))!;
        if (!settings["numbers"]!.AsArray().Any(n => n!["phoneNumberId"]!.GetValue<string>() == second))
        {
            settings["numbers"]!.AsArray().Add(new JsonObject
            {
                ["name"] = "Ventas", ["enabled"] = true, ["phoneNumberId"] = second, ["displayNumber"] = "+54 9 11 5555-0042",
                ["accessToken"] = secondToken, ["appSecret"] = secondSecret, ["verifyToken"] = "verificar-ventas",
            });
            await Api.Json(await desk.Admin.PutAsJsonAsync("/api/v1/settings/whatsapp", settings, Ct), HttpStatusCode.OK);
        }

        var wa = WhatsAppDesk.NewWaId();
        var body = MetaWebhooks.Payload(new WebhookBusiness(MetaWebhooks.DefaultWabaId, second, "5491155550042"), MetaWebhooks.Text("Quiero una cotización", from: wa));
        // Signed with the second app's secret, which the desk also knows.
        Assert.Equal(HttpStatusCode.OK, (await desk.PostWebhookAsync(body, MetaWebhooks.Sign(body, secondSecret))).StatusCode);
        var number = Assert.Single(await desk.TicketsFromAsync(wa)).Str("number");
        await Api.Json(await ReplyAsync(number, "Te la paso hoy"), HttpStatusCode.OK);
        var send = await SentToAsync(wa, s => s.Json!.Value.GetProperty("type").GetString() == "text" && s.Json.Value.GetProperty("text").GetProperty("body").GetString() == "Te la paso hoy");
        Assert.Equal(second, send.PhoneNumberId);
        Assert.Equal($"Bearer {secondToken}", send.Authorization);
    }

    [Fact]
    public async Task A_revoked_token_keeps_messages_waiting_warns_the_administrator_and_a_new_token_sends_them()
    {
        var (wa, number) = await ConversationAsync("¿Me pueden llamar?");
        await SentToAsync(wa); // the acknowledgement, before the token dies
        desk.Graph.RevokeToken(WhatsAppDesk.PhoneNumberId);
        try
        {
            await Api.Json(await ReplyAsync(number, "Te llamo a las 15"), HttpStatusCode.OK);
            var waiting = await LastOutAsync(number, m => m.GetProperty("delivery").TryGetProperty("lastError", out var e) && e.ValueKind == JsonValueKind.String, "a refused attempt");
            Assert.Equal("queued", waiting.GetProperty("delivery").Str("state"));
            // Waiting for a token is not the message's fault: it uses up none of its attempts.
            Assert.Equal(0, waiting.GetProperty("delivery").GetProperty("attempts").GetInt32());
            Assert.Contains("(190)", waiting.GetProperty("delivery").Str("lastError"));
            var alerts = await Api.Json(await desk.Admin.GetAsync("/api/v1/channels/alerts", Ct), HttpStatusCode.OK);
            Assert.Contains(alerts.EnumerateArray(), a => a.GetProperty("code").GetInt32() == 190 && a.Str("key") == WhatsAppDesk.PhoneNumberId);
        }
        finally
        {
            // The administrator pastes a new token: the waiting message goes at once and the warning clears.
            desk.Graph.Register(WhatsAppDesk.PhoneNumberId, "EAAG-token-nuevo");
            var settings = JsonNode.Parse(await desk.Admin.GetStringAsync("/api/v1/settings/whatsapp", Ct))!;
            settings["numbers"]![0]!["accessToken"] = "EAAG-token-nuevo";
            await Api.Json(await desk.Admin.PutAsJsonAsync("/api/v1/settings/whatsapp", settings, Ct), HttpStatusCode.OK);
        }
        await LastOutAsync(number, m => m.GetProperty("delivery").Str("state") == "sent", "the waiting reply sent with the new token");
        var after = await Eventually.Async(async () => await Api.Json(await desk.Admin.GetAsync("/api/v1/channels/alerts", Ct), HttpStatusCode.OK),
            a => !a.EnumerateArray().Any(x => x.GetProperty("code").GetInt32() == 190), "the token alert cleared");
        Assert.DoesNotContain(after.EnumerateArray(), a => a.GetProperty("code").GetInt32() == 190);
        var shown = await desk.Admin.GetStringAsync("/api/v1/settings/whatsapp", Ct);
        Assert.DoesNotContain("EAAG-token-nuevo", shown);
        Assert.DoesNotContain(WhatsAppDesk.AppSecret, shown);
    }

    [Fact]
    public async Task Bad_whatsapp_settings_are_refused_field_by_field_and_the_test_button_asks_meta()
    {
        var settings = JsonNode.Parse(await desk.Admin.GetStringAsync("/api/v1/settings/whatsapp", Ct))!;
        var number = settings["numbers"]![0]!;
        var test = await Api.Json(await desk.Admin.PostAsJsonAsync("/api/v1/settings/whatsapp/test", number, Ct), HttpStatusCode.OK);
        Assert.True(test.GetProperty("ok").GetBoolean(), test.ToString());
        Assert.Contains("Mesa de Ayuda de Prueba", test.Str("message"));

        var wrong = number.DeepClone();
        wrong["accessToken"] = "token-equivocado";
        var refused = await Api.Json(await desk.Admin.PostAsJsonAsync("/api/v1/settings/whatsapp/test", wrong, Ct), HttpStatusCode.OK);
        Assert.False(refused.GetProperty("ok").GetBoolean());
        Assert.StartsWith("Meta rechazó el token de acceso", refused.Str("message"));

        var bad = settings.DeepClone();
        bad["numbers"]!.AsArray().Add(new JsonObject { ["phoneNumberId"] = "abc", ["enabled"] = true });
        var added = $"numbers[{bad["numbers"]!.AsArray().Count - 1}]";
        bad["templates"] = new JsonArray(new JsonObject { ["kind"] = "reply", ["name"] = "Respuesta Caso", ["language"] = "español", ["parameters"] = new JsonArray("ticket.numero") });
        var response = await desk.Admin.PutAsJsonAsync("/api/v1/settings/whatsapp", bad, Ct);
        var errors = (await Api.Problem(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Contains("solo dígitos", errors.GetProperty($"{added}.phoneNumberId")[0].GetString());
        Assert.Contains("Falta", errors.GetProperty($"{added}.accessToken")[0].GetString());
        Assert.Contains("minúsculas", errors.GetProperty("templates[0].name")[0].GetString());
        Assert.Contains("es_AR", errors.GetProperty("templates[0].language")[0].GetString());
        Assert.Contains("«ticket.numero» no es un dato", errors.GetProperty("templates[0].parameters")[0].GetString());
        await Api.Problem(await desk.Head.GetAsync("/api/v1/settings/whatsapp", Ct), HttpStatusCode.Forbidden);

        // Stored tokens only go to the Graph API address they were typed for, and only over https (or to this machine).
        var moved = settings.DeepClone();
        moved["graphBaseUrl"] = "http://graph.example.com";
        var movedErrors = (await Api.Problem(await desk.Admin.PutAsJsonAsync("/api/v1/settings/whatsapp", moved, Ct), HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(movedErrors.TryGetProperty("graphBaseUrl", out _));
        moved["graphBaseUrl"] = "https://graph.example.com";
        var tokenErrors = (await Api.Problem(await desk.Admin.PutAsJsonAsync("/api/v1/settings/whatsapp", moved, Ct), HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(tokenErrors.TryGetProperty("numbers[0].accessToken", out _), tokenErrors.ToString());
    }
}
