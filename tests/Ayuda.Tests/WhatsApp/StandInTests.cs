using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ayuda.Testing.WhatsApp;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.WhatsApp;

/// <summary>
/// The WhatsApp stand-ins themselves behave as Meta documents: the Graph API stand-in answers sends, media lookups,
/// downloads and failures with Meta's bodies, and the webhook builders produce Meta's shapes, bytes and signatures.
/// Nothing here needs the Ayuda host.
/// </summary>
public sealed class StandInTests : IDisposable
{
    private const string PhoneNumberId = "106540352242922";
    private const string Token = "EAAG-test-token";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly GraphApiStandIn _graph = new();
    private readonly HttpClient _http = new();

    public StandInTests() => _graph.Register(PhoneNumberId, Token);

    public void Dispose()
    {
        _http.Dispose();
        _graph.Dispose();
    }

    // ---------------------------------------------------------------- sends

    [Fact]
    public async Task A_good_text_send_gets_a_wamid_and_the_recipient_back()
    {
        var (status, answer) = await SendAsync(TextSend("+52 1 55 1234 5678", "Hola"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("whatsapp", answer.Str("messaging_product"));
        var contact = answer.GetProperty("contacts")[0];
        Assert.Equal("+52 1 55 1234 5678", contact.Str("input"));
        Assert.Equal("5215512345678", contact.Str("wa_id"));
        var message = answer.GetProperty("messages")[0];
        Assert.StartsWith("wamid.", message.Str("id"));
        Assert.False(message.TryGetProperty("message_status", out _));

        var send = Assert.Single(_graph.Sends);
        Assert.Equal($"Bearer {Token}", send.Authorization);
        Assert.Equal("Hola", send.Json!.Value.GetProperty("text").Str("body"));
        Assert.Equal(PhoneNumberId, send.PhoneNumberId);
        Assert.Equal(message.Str("id"), send.Wamid);
    }

    [Fact]
    public async Task A_template_send_is_accepted_with_its_pacing_status()
    {
        var template = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["to"] = "16505551234",
            ["type"] = "template",
            ["template"] = new JsonObject { ["name"] = "ticket_update", ["language"] = new JsonObject { ["code"] = "es_MX" } },
        };

        var (status, answer) = await SendAsync(template);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("accepted", answer.GetProperty("messages")[0].Str("message_status"));
    }

    [Fact]
    public async Task Every_send_gets_its_own_wamid_even_when_they_arrive_together()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SendAsync(TextSend("16505551234", $"n{i}"))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(20, answers.Select(a => a.Answer.GetProperty("messages")[0].Str("id")).Distinct().Count());
        Assert.Equal(20, _graph.Sends.Count);
    }

    [Fact]
    public async Task A_read_receipt_is_answered_with_success_and_kept_apart_from_sends()
    {
        var receipt = new JsonObject { ["messaging_product"] = "whatsapp", ["status"] = "read", ["message_id"] = MetaWebhooks.NewWamid() };

        var (status, answer) = await SendAsync(receipt);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(answer.GetProperty("success").GetBoolean());
        Assert.Empty(_graph.Sends);
        Assert.Single(_graph.ReadReceipts);
    }

    [Theory]
    [InlineData("""{"messaging_product":"whatsapp","to":"16505551234","type":"text","text":{}}""", "text['body']")]
    [InlineData("""{"messaging_product":"sms","to":"16505551234","type":"text","text":{"body":"x"}}""", "messaging_product")]
    [InlineData("""{"messaging_product":"whatsapp","type":"text","text":{"body":"x"}}""", "parameter to")]
    [InlineData("""{"messaging_product":"whatsapp","to":"1","type":"hologram","hologram":{}}""", "Param type")]
    [InlineData("""{"messaging_product":"whatsapp","to":"1","type":"template","template":{"name":"t"}}""", "language")]
    [InlineData("""{"messaging_product":"whatsapp","to":"1","type":"image","image":{"caption":"no id"}}""", "id or link")]
    public async Task An_invalid_send_gets_code_100_invalid_parameter(string body, string detailsMention)
    {
        var (status, answer) = await PostAsync($"/{GraphApiStandIn.Version}/{PhoneNumberId}/messages", body, Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = answer.GetProperty("error");
        Assert.Equal(100, error.GetProperty("code").GetInt32());
        Assert.Equal("(#100) Invalid parameter", error.Str("message"));
        Assert.Equal("OAuthException", error.Str("type"));
        Assert.Contains(detailsMention, error.GetProperty("error_data").Str("details"));
        Assert.False(string.IsNullOrEmpty(error.Str("fbtrace_id")));
    }

    // ---------------------------------------------------------------- tokens

    [Theory]
    [InlineData("not-the-token")]
    [InlineData(null)]
    public async Task A_wrong_or_missing_token_gets_401_code_190(string? token)
    {
        var (status, answer) = await PostAsync(MessagesPath, TextSend("16505551234", "Hola").ToJsonString(), token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var error = answer.GetProperty("error");
        Assert.Equal(190, error.GetProperty("code").GetInt32());
        Assert.Equal("OAuthException", error.Str("type"));
        Assert.DoesNotContain(_graph.Sends, s => s.StatusCode == 200);
    }

    [Fact]
    public async Task Another_numbers_token_is_not_accepted()
    {
        _graph.Register("999000111222333", "other-token");

        var (status, _) = await PostAsync(MessagesPath, TextSend("16505551234", "Hola").ToJsonString(), "other-token");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task A_revoked_token_gets_session_expired_until_a_new_one_is_registered()
    {
        _graph.RevokeToken(PhoneNumberId);

        var (status, answer) = await SendAsync(TextSend("16505551234", "Hola"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var error = answer.GetProperty("error");
        Assert.Equal(190, error.GetProperty("code").GetInt32());
        Assert.Equal(463, error.GetProperty("error_subcode").GetInt32());
        Assert.StartsWith("Error validating access token: Session has expired", error.Str("message"));

        _graph.Register(PhoneNumberId, "fresh-token");
        var (again, _) = await PostAsync(MessagesPath, TextSend("16505551234", "Hola").ToJsonString(), "fresh-token");
        Assert.Equal(HttpStatusCode.OK, again);
    }

    // ---------------------------------------------------------------- media

    [Fact]
    public async Task Media_lookup_then_download_returns_the_bytes_and_a_matching_sha256()
    {
        var bytes = RandomNumberGenerator.GetBytes(3000);
        var mediaId = MetaWebhooks.NewMediaId();
        _graph.AddMedia(mediaId, bytes, "image/jpeg");

        var (status, media) = await GetJsonAsync($"/{GraphApiStandIn.Version}/{mediaId}", Token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("whatsapp", media.Str("messaging_product"));
        Assert.Equal(mediaId, media.Str("id"));
        Assert.Equal("image/jpeg", media.Str("mime_type"));
        Assert.Equal(bytes.Length, media.GetProperty("file_size").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), media.Str("sha256"));

        using var download = Request(HttpMethod.Get, media.Str("url"), Token);
        using var response = await _http.SendAsync(download, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var downloaded = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(bytes, downloaded);
        Assert.Equal(media.Str("sha256"), Convert.ToHexStringLower(SHA256.HashData(downloaded)));
    }

    [Fact]
    public async Task Media_download_needs_the_token_too()
    {
        var mediaId = MetaWebhooks.NewMediaId();
        _graph.AddMedia(mediaId, [1, 2, 3], "application/pdf");

        using var download = Request(HttpMethod.Get, $"{_graph.BaseUrl}/lookaside/{mediaId}", token: null);
        using var response = await _http.SendAsync(download, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_media_id_gets_graphs_missing_object_error()
    {
        var (status, answer) = await GetJsonAsync($"/{GraphApiStandIn.Version}/1234567890123456", Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = answer.GetProperty("error");
        Assert.Equal(100, error.GetProperty("code").GetInt32());
        Assert.Equal(33, error.GetProperty("error_subcode").GetInt32());
        Assert.Equal("GraphMethodException", error.Str("type"));
    }

    [Fact]
    public async Task Another_graph_version_is_an_unknown_path()
    {
        var (status, answer) = await PostAsync($"/v19.0/{PhoneNumberId}/messages", TextSend("1", "x").ToJsonString(), Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(2500, answer.GetProperty("error").GetProperty("code").GetInt32());
    }

    // ---------------------------------------------------------------- scripted failures

    [Fact]
    public async Task Scripted_failures_answer_the_next_sends_then_sends_succeed_again()
    {
        _graph.FailNextSends(2, 503, 131016, "Service unavailable", "A service is temporarily unavailable.");

        var first = await SendAsync(TextSend("16505551234", "1"));
        var second = await SendAsync(TextSend("16505551234", "2"));
        var third = await SendAsync(TextSend("16505551234", "3"));

        foreach (var (status, answer) in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            var error = answer.GetProperty("error");
            Assert.Equal(131016, error.GetProperty("code").GetInt32());
            Assert.Equal("(#131016) Service unavailable", error.Str("message"));
            Assert.Equal("whatsapp", error.GetProperty("error_data").Str("messaging_product"));
            Assert.Equal("A service is temporarily unavailable.", error.GetProperty("error_data").Str("details"));
        }
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.Equal([503, 503, 200], _graph.Sends.Select(s => s.StatusCode));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, 130429, "(#130429) Rate limit hit")]
    [InlineData(HttpStatusCode.InternalServerError, 131000, "(#131000) Something went wrong")]
    public async Task Rate_limit_and_server_error_answer_as_documented_then_sends_succeed(
        HttpStatusCode expectedStatus, int expectedCode, string expectedMessage)
    {
        if (expectedCode == 130429)
        {
            _graph.RateLimitNext(1);
        }
        else
        {
            _graph.ServerErrorNext(1);
        }

        var (failed, answer) = await SendAsync(TextSend("16505551234", "1"));
        var (after, _) = await SendAsync(TextSend("16505551234", "2"));

        Assert.Equal(expectedStatus, failed);
        Assert.Equal(expectedCode, answer.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(expectedMessage, answer.GetProperty("error").Str("message"));
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task A_scripted_failure_is_not_used_up_by_a_request_with_a_bad_token()
    {
        _graph.ServerErrorNext(1);

        var (denied, _) = await PostAsync(MessagesPath, TextSend("1", "x").ToJsonString(), "bad");
        var (failed, _) = await SendAsync(TextSend("16505551234", "1"));

        Assert.Equal(HttpStatusCode.Unauthorized, denied);
        Assert.Equal(HttpStatusCode.InternalServerError, failed);
    }

    // ---------------------------------------------------------------- webhooks

    [Fact]
    public void The_signature_of_a_known_body_matches_openssl()
    {
        // Computed independently in bash:
        //   printf '%s' "$body" | openssl dgst -sha256 -hmac "ayuda-app-secret"
        // where $body is the text of KnownBody below (510 bytes).
        const string expected = "sha256=8b5db255553e9d4fb99b67a5278f26c190e5a39d5b14b0448aad837420c54424";

        Assert.Equal(expected, MetaWebhooks.Sign(Encoding.UTF8.GetBytes(KnownBody), "ayuda-app-secret"));
    }

    [Fact]
    public void A_text_webhook_is_written_byte_for_byte_as_meta_writes_it()
    {
        var message = MetaWebhooks.Text("Hola, ¿me ayudan? café/té", from: "16505551234",
            id: "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=", timestamp: 1750000000);

        var body = MetaWebhooks.Payload(message);

        Assert.Equal(KnownBody, Encoding.UTF8.GetString(body));
        Assert.All(body, b => Assert.True(b < 0x80));
    }

    [Fact]
    public void Messages_from_several_senders_are_batched_with_one_contact_each()
    {
        var first = MetaWebhooks.Text("uno", from: "5215500000001", profileName: "Ana");
        var second = MetaWebhooks.Image(MetaWebhooks.NewMediaId(), caption: "foto", from: "5215500000002", profileName: "Beto");
        var third = MetaWebhooks.Text("tres", from: "5215500000001", profileName: "Ana");

        var value = OnlyValue(MetaWebhooks.Payload(first, second, third));

        Assert.Equal(["5215500000001", "5215500000002"], value.GetProperty("contacts").EnumerateArray().Select(c => c.Str("wa_id")));
        Assert.Equal("Beto", value.GetProperty("contacts")[1].GetProperty("profile").Str("name"));
        var messages = value.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["text", "image", "text"], messages.Select(m => m.Str("type")));
        Assert.Equal(3, messages.Select(m => m.Str("id")).Distinct().Count());
        Assert.All(messages, m => Assert.True(long.TryParse(m.Str("timestamp"), out _)));
    }

    [Fact]
    public void Messages_and_statuses_of_two_numbers_go_into_the_documented_envelope()
    {
        var other = new WebhookBusiness("200000000000001", "300000000000001", "5215599990000");
        var body = MetaWebhooks.Batch(
            new WebhookChange(WebhookBusiness.Default, [MetaWebhooks.Text("hola"), MetaWebhooks.Delivered("wamid.A")]),
            new WebhookChange(other, [MetaWebhooks.Read("wamid.B")]));

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        Assert.Equal("whatsapp_business_account", root.Str("object"));
        var entries = root.GetProperty("entry").EnumerateArray().ToList();
        Assert.Equal([MetaWebhooks.DefaultWabaId, "200000000000001"], entries.Select(e => e.Str("id")));
        var changes = entries[0].GetProperty("changes").EnumerateArray().ToList();
        Assert.All(changes, c => Assert.Equal("messages", c.Str("field")));
        Assert.True(changes[0].GetProperty("value").TryGetProperty("messages", out _));
        Assert.Equal("delivered", changes[1].GetProperty("value").GetProperty("statuses")[0].Str("status"));
        var otherValue = entries[1].GetProperty("changes")[0].GetProperty("value");
        Assert.Equal("300000000000001", otherValue.GetProperty("metadata").Str("phone_number_id"));
        Assert.Equal("whatsapp", otherValue.Str("messaging_product"));
    }

    [Fact]
    public void Interactive_and_button_replies_point_at_the_business_message()
    {
        var wamid = MetaWebhooks.NewWamid();

        var value = OnlyValue(MetaWebhooks.Payload(
            MetaWebhooks.ButtonReply(wamid, "cancel-button", "Cancelar"),
            MetaWebhooks.ListReply(wamid, "priority", "Urgente", "Hoy mismo"),
            MetaWebhooks.Button(wamid, "Baja", "Baja")));

        var messages = value.GetProperty("messages").EnumerateArray().ToList();
        Assert.All(messages, m =>
        {
            Assert.Equal(MetaWebhooks.DefaultDisplayPhoneNumber, m.GetProperty("context").Str("from"));
            Assert.Equal(wamid, m.GetProperty("context").Str("id"));
        });
        Assert.Equal("button_reply", messages[0].GetProperty("interactive").Str("type"));
        Assert.Equal("cancel-button", messages[0].GetProperty("interactive").GetProperty("button_reply").Str("id"));
        Assert.Equal("Hoy mismo", messages[1].GetProperty("interactive").GetProperty("list_reply").Str("description"));
        Assert.Equal("Baja", messages[2].GetProperty("button").Str("payload"));
    }

    [Fact]
    public void Media_location_and_contact_messages_carry_the_documented_fields()
    {
        var bytes = Encoding.UTF8.GetBytes("%PDF-1.7");
        var value = OnlyValue(MetaWebhooks.Payload(
            MetaWebhooks.Document("622684793477189", "factura.pdf", sha256: MetaWebhooks.Sha256Base64(bytes)),
            MetaWebhooks.Audio("1908647269898587"),
            MetaWebhooks.Sticker("1003383421387256", animated: true),
            MetaWebhooks.Video("1003383421387257", caption: "video"),
            MetaWebhooks.Location(19.4326, -99.1332, "Zócalo", "Centro, CDMX"),
            MetaWebhooks.Contacts([new SharedContact("Barbara J. Johnson", "Barbara", "Johnson")
            {
                Phones = [new SharedPhone("+1 (415) 555-0829", "14155550829", "MOBILE")],
                Emails = [new SharedEmail("barbara@example.com")],
            }])));

        var m = value.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal("factura.pdf", m[0].GetProperty("document").Str("filename"));
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(bytes)), m[0].GetProperty("document").Str("sha256"));
        Assert.True(m[1].GetProperty("audio").GetProperty("voice").GetBoolean());
        Assert.True(m[2].GetProperty("sticker").GetProperty("animated").GetBoolean());
        Assert.Equal("video", m[3].GetProperty("video").Str("caption"));
        Assert.Equal(-99.1332, m[4].GetProperty("location").GetProperty("longitude").GetDouble());
        Assert.Equal("Zócalo", m[4].GetProperty("location").Str("name"));
        var card = m[5].GetProperty("contacts")[0];
        Assert.Equal("Barbara J. Johnson", card.GetProperty("name").Str("formatted_name"));
        Assert.Equal("14155550829", card.GetProperty("phones")[0].Str("wa_id"));
        Assert.Equal("barbara@example.com", card.GetProperty("emails")[0].Str("email"));
    }

    [Fact]
    public void Reactions_unsupported_and_made_up_types_are_shaped_as_documented()
    {
        var target = MetaWebhooks.NewWamid();
        var value = OnlyValue(MetaWebhooks.Payload(
            MetaWebhooks.Reaction(target, "👍"),
            MetaWebhooks.ReactionRemoved(target),
            MetaWebhooks.Unsupported("poll_update"),
            MetaWebhooks.Raw("hologram", new JsonObject { ["frames"] = 24 })));

        var m = value.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal("👍", m[0].GetProperty("reaction").Str("emoji"));
        Assert.Equal(target, m[1].GetProperty("reaction").Str("message_id"));
        Assert.False(m[1].GetProperty("reaction").TryGetProperty("emoji", out _));
        Assert.Equal("unsupported", m[2].Str("type"));
        Assert.Equal("poll_update", m[2].GetProperty("unsupported").Str("type"));
        Assert.Equal(131051, m[2].GetProperty("errors")[0].GetProperty("code").GetInt32());
        Assert.Equal("hologram", m[3].Str("type"));
        Assert.Equal(24, m[3].GetProperty("hologram").GetProperty("frames").GetInt32());
    }

    [Fact]
    public void Statuses_carry_pricing_where_meta_sends_it_and_errors_when_failed()
    {
        var wamid = MetaWebhooks.NewWamid();
        var value = OnlyValue(MetaWebhooks.Payload(
            MetaWebhooks.Sent(wamid, timestamp: 1750000000),
            MetaWebhooks.Delivered(wamid),
            MetaWebhooks.Read(wamid),
            MetaWebhooks.ReEngagementFailed(wamid),
            MetaWebhooks.UndeliverableFailed(wamid)));

        var s = value.GetProperty("statuses").EnumerateArray().ToList();
        Assert.All(s, status => Assert.Equal(wamid, status.Str("id")));
        Assert.All(s, status => Assert.Equal(MetaWebhooks.DefaultCustomerWaId, status.Str("recipient_id")));
        Assert.Equal("1750086400", s[0].GetProperty("conversation").Str("expiration_timestamp"));
        Assert.Equal("PMP", s[0].GetProperty("pricing").Str("pricing_model"));
        Assert.Equal("service", s[1].GetProperty("pricing").Str("category"));
        Assert.False(s[1].GetProperty("conversation").TryGetProperty("expiration_timestamp", out _));
        Assert.False(s[2].TryGetProperty("pricing", out _));
        var reEngagement = s[3].GetProperty("errors")[0];
        Assert.Equal("failed", s[3].Str("status"));
        Assert.Equal(131047, reEngagement.GetProperty("code").GetInt32());
        Assert.Equal(reEngagement.Str("title"), reEngagement.Str("message"));
        Assert.False(string.IsNullOrEmpty(reEngagement.GetProperty("error_data").Str("details")));
        Assert.Equal(131026, s[4].GetProperty("errors")[0].GetProperty("code").GetInt32());
        Assert.False(s[4].TryGetProperty("pricing", out _));
    }

    [Fact]
    public void A_signed_body_verifies_only_over_the_exact_bytes()
    {
        var body = MetaWebhooks.Payload(MetaWebhooks.Text("Señal ✓"));
        var signature = MetaWebhooks.Sign(body, "secret");

        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes("secret"));
        Assert.Equal(signature, "sha256=" + Convert.ToHexStringLower(hmac.ComputeHash(body)));
        var reserialized = Encoding.UTF8.GetBytes(JsonNode.Parse(body)!.ToJsonString());
        Assert.NotEqual(signature, MetaWebhooks.Sign(reserialized, "secret"));
    }

    // ---------------------------------------------------------------- helpers

    private const string KnownBody =
        """{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=","timestamp":"1750000000","type":"text","text":{"body":"Hola, \u00bfme ayudan? caf\u00e9\/t\u00e9"}}]},"field":"messages"}]}]}""";

    private static string MessagesPath => $"/{GraphApiStandIn.Version}/{PhoneNumberId}/messages";

    private static JsonObject TextSend(string to, string body) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["recipient_type"] = "individual",
        ["to"] = to,
        ["type"] = "text",
        ["text"] = new JsonObject { ["body"] = body },
    };

    private Task<(HttpStatusCode Status, JsonElement Answer)> SendAsync(JsonObject body) =>
        PostAsync(MessagesPath, body.ToJsonString(), Token);

    private async Task<(HttpStatusCode Status, JsonElement Answer)> PostAsync(string path, string json, string? token)
    {
        using var request = Request(HttpMethod.Post, _graph.BaseUrl + path, token);
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return await ReadJsonAsync(request);
    }

    private async Task<(HttpStatusCode Status, JsonElement Answer)> GetJsonAsync(string path, string? token)
    {
        using var request = Request(HttpMethod.Get, _graph.BaseUrl + path, token);
        return await ReadJsonAsync(request);
    }

    private async Task<(HttpStatusCode Status, JsonElement Answer)> ReadJsonAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, document.RootElement.Clone());
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, string? token)
    {
        var request = new HttpRequestMessage(method, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }

    /// <summary>The <c>value</c> of a body holding a single change.</summary>
    private static JsonElement OnlyValue(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var change = Assert.Single(Assert.Single(document.RootElement.GetProperty("entry").EnumerateArray())
            .GetProperty("changes").EnumerateArray());
        return change.GetProperty("value").Clone();
    }
}
