using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace Ayuda.Testing.WhatsApp;

/// <summary>
/// A local stand-in for the part of Meta's Graph API that the WhatsApp Cloud API channel uses: sending messages
/// (<c>POST /{version}/{phone-number-id}/messages</c>), looking up media (<c>GET /{version}/{media-id}</c>) and downloading
/// it from the lookaside URL. Meta cannot be reached from the test machines, so this answers with Meta's documented
/// bodies and status codes, keeps state (tokens, media, scripted failures) and records every request for assertions.
/// </summary>
/// <remarks>
/// One WireMock catch-all mapping hands every request to <see cref="Handle"/>, so behaviour depends on state rather
/// than on static mappings. Everything is guarded by one lock: product code may call from several threads.
/// </remarks>
public sealed class GraphApiStandIn : IDisposable
{
    /// <summary>The Graph API version the stand-in serves; any other version prefix answers "Unknown path components".</summary>
    public const string Version = "v23.0";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _tokens = [];
    private readonly HashSet<string> _revokedTokens = [];
    private readonly Dictionary<string, StoredMedia> _media = [];
    private readonly Queue<ScriptedFailure> _failures = new();
    private readonly List<GraphRequest> _requests = [];
    private readonly WireMockServer _server;

    /// <summary>Starts the stand-in on a free loopback port.</summary>
    public GraphApiStandIn()
    {
        BaseUrl = $"http://127.0.0.1:{FreeLoopbackPort()}";
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [BaseUrl],
            StartAdminInterface = false,
            Logger = new WireMockNullLogger(),
        });
        _server
            .Given(Request.Create().UsingAnyMethod().WithPath((Func<string, bool>)(_ => true)))
            .RespondWith(Response.Create().WithCallback(Handle));
    }

    /// <summary>Where the product's GraphBaseUrl must point, e.g. <c>http://127.0.0.1:54321</c> (no trailing slash).</summary>
    public string BaseUrl { get; }

    /// <summary>
    /// The <c>message_status</c> put in the answer to a template send (<c>accepted</c>,
    /// <c>held_for_quality_assessment</c>, <c>paused</c>); null leaves it out as for a template that is not paced.
    /// </summary>
    public string? TemplatePacingStatus
    {
        get { lock (_gate) { return _templatePacingStatus; } }
        set { lock (_gate) { _templatePacingStatus = value; } }
    }

    private string? _templatePacingStatus = "accepted";

    /// <summary>Every request received, in order (a snapshot).</summary>
    public IReadOnlyList<GraphRequest> Requests
    {
        get { lock (_gate) { return [.. _requests]; } }
    }

    /// <summary>The message sends among <see cref="Requests"/> (POST …/messages that are not read receipts).</summary>
    public IReadOnlyList<GraphRequest> Sends => [.. Requests.Where(r => r.IsSend)];

    /// <summary>The "mark as read" calls among <see cref="Requests"/> (POST …/messages with <c>status: read</c>).</summary>
    public IReadOnlyList<GraphRequest> ReadReceipts => [.. Requests.Where(r => r.IsReadReceipt)];

    /// <summary>A business phone number the stand-in knows and the access token it accepts for it (replacing any earlier one).</summary>
    public void Register(string phoneNumberId, string accessToken)
    {
        lock (_gate)
        {
            _tokens[phoneNumberId] = accessToken;
            _revokedTokens.Remove(accessToken);
        }
    }

    /// <summary>The number's token stops working: every later call with it gets 401, code 190, subcode 463.</summary>
    public void RevokeToken(string phoneNumberId)
    {
        lock (_gate)
        {
            if (_tokens.Remove(phoneNumberId, out var token))
            {
                _revokedTokens.Add(token);
            }
        }
    }

    /// <summary>Media the stand-in serves, as if a user had sent it (its id then goes into a webhook).</summary>
    public void AddMedia(string mediaId, byte[] bytes, string mimeType)
    {
        lock (_gate)
        {
            _media[mediaId] = new StoredMedia([.. bytes], mimeType);
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> message sends (after the token check) fail with <paramref name="httpStatus"/>
    /// and Meta's error body: <c>message</c> "(#code) message", <c>type</c> OAuthException, <c>error_data.details</c>.
    /// </summary>
    public void FailNextSends(int count, int httpStatus, int code, string message, string? details = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _failures.Enqueue(new ScriptedFailure(httpStatus, code, message, details ?? message));
            }
        }
    }

    /// <summary>
    /// Throughput limit: 130429 "Rate limit hit" with HTTP 429. Meta's error-codes table lists 429 for every
    /// throttling code (4, 80007, 130429, 131048, 131056); some providers report 400 for 130429, so a product should
    /// key on the code, not the status. 130429 is the one a busy help desk hits (per-number throughput).
    /// </summary>
    public void RateLimitNext(int count) =>
        FailNextSends(count, 429, 130429, "Rate limit hit", "Cloud API message throughput has been reached.");

    /// <summary>131000 "Something went wrong" with HTTP 500, as the error-codes table gives it.</summary>
    public void ServerErrorNext(int count) =>
        FailNextSends(count, 500, 131000, "Something went wrong", "Message failed to send due to an unknown error.");

    /// <summary>Forgets the recorded requests (registrations, media and scripted failures stay).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> sends were recorded; the product sends in the background.</summary>
    public async Task<IReadOnlyList<GraphRequest>> WaitForSendsAsync(int count, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var sends = Sends;
            if (sends.Count >= count)
            {
                return sends;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} WhatsApp sends, saw {sends.Count}.");
            }
            await Task.Delay(25, cancellationToken);
        }
    }

    /// <summary>Stops the server.</summary>
    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }

    // ---------------------------------------------------------------- routing

    private IResponseMessage Handle(IRequestMessage request)
    {
        var call = GraphCall.From(request);
        GraphReply reply;
        lock (_gate)
        {
            reply = Route(call);
            _requests.Add(call.Recorded(reply));
        }
        return reply.ToResponseMessage();
    }

    private GraphReply Route(GraphCall call)
    {
        var segments = call.Path.Trim('/').Split('/');
        if (call.Method == "GET" && segments is ["lookaside", var lookasideId])
        {
            return Lookaside(call, lookasideId);
        }
        if (call.Method == "POST" && segments is [Version, var phoneNumberId, "messages"])
        {
            return Messages(call, phoneNumberId);
        }
        if (call.Method == "GET" && segments is [Version, var numberId] && _tokens.ContainsKey(numberId))
        {
            return PhoneNumber(call, numberId);
        }
        if (call.Method == "GET" && segments is [Version, var mediaId])
        {
            return MediaUrl(call, mediaId);
        }
        return GraphErrors.UnknownPath(call.Path);
    }

    // ---------------------------------------------------------------- POST /{version}/{phone-number-id}/messages

    private GraphReply Messages(GraphCall call, string phoneNumberId)
    {
        var denied = Authorize(call.Token, _tokens.GetValueOrDefault(phoneNumberId) is { } token ? [token] : []);
        if (denied is not null)
        {
            return denied;
        }
        if (call.Json is { } json && IsReadReceipt(json))
        {
            return ReadReceipt(json);
        }
        if (_failures.TryDequeue(out var failure))
        {
            return GraphErrors.Scripted(failure);
        }
        var invalid = call.Json is { } body ? SendValidation.Problem(body) : "The request body must be a JSON object.";
        return invalid is null ? Accepted(call.Json!.Value) : GraphErrors.InvalidParameter(invalid);
    }

    private static bool IsReadReceipt(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty("status", out _);

    private static GraphReply ReadReceipt(JsonElement json)
    {
        if (SendValidation.Text(json, "messaging_product") != "whatsapp")
        {
            return GraphErrors.InvalidParameter("The parameter messaging_product is required and must be whatsapp.");
        }
        if (SendValidation.Text(json, "status") != "read" || string.IsNullOrEmpty(SendValidation.Text(json, "message_id")))
        {
            return GraphErrors.InvalidParameter("A read receipt needs status read and a message_id.");
        }
        return GraphReply.Json(200, new JsonObject { ["success"] = true });
    }

    private GraphReply Accepted(JsonElement body)
    {
        var to = SendValidation.Text(body, "to")!;
        var waId = new string([.. to.Where(char.IsAsciiDigit)]);
        var message = new JsonObject { ["id"] = MetaWebhooks.NewWamid(waId) };
        if ((SendValidation.Text(body, "type") ?? "text") == "template" && _templatePacingStatus is { } pacing)
        {
            message["message_status"] = pacing;
        }
        return GraphReply.Json(200, new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = waId }),
            ["messages"] = new JsonArray(message),
        });
    }

    // ---------------------------------------------------------------- media

    // ---------------------------------------------------------------- GET /{version}/{phone-number-id}

    /// <summary>
    /// The phone number node (fields display_phone_number, verified_name, quality_rating), as Graph answers a
    /// settings page checking a number's token.
    /// </summary>
    private GraphReply PhoneNumber(GraphCall call, string phoneNumberId)
    {
        var denied = Authorize(call.Token, _tokens.GetValueOrDefault(phoneNumberId) is { } token ? [token] : []);
        return denied ?? GraphReply.Json(200, new JsonObject
        {
            ["verified_name"] = "Mesa de Ayuda de Prueba",
            ["display_phone_number"] = "+54 9 11 5555-0000",
            ["quality_rating"] = "GREEN",
            ["id"] = phoneNumberId,
        });
    }

    private GraphReply MediaUrl(GraphCall call, string mediaId)
    {
        var denied = Authorize(call.Token, _tokens.Values);
        if (denied is not null)
        {
            return denied;
        }
        if (!_media.TryGetValue(mediaId, out var media))
        {
            return GraphErrors.MissingObject("get", mediaId);
        }
        return GraphReply.Json(200, new JsonObject
        {
            ["url"] = $"{BaseUrl}/lookaside/{mediaId}",
            ["mime_type"] = media.MimeType,
            ["sha256"] = MetaWebhooks.Sha256Hex(media.Bytes),
            ["file_size"] = media.Bytes.Length,
            ["id"] = mediaId,
            ["messaging_product"] = "whatsapp",
        });
    }

    private GraphReply Lookaside(GraphCall call, string mediaId)
    {
        var denied = Authorize(call.Token, _tokens.Values);
        if (denied is not null)
        {
            return denied;
        }
        return _media.TryGetValue(mediaId, out var media)
            ? new GraphReply(200, media.MimeType, media.Bytes)
            : new GraphReply(404, "text/plain", []);
    }

    // ---------------------------------------------------------------- tokens

    /// <summary>Null when <paramref name="token"/> is one of <paramref name="accepted"/>, else Meta's 401 answer.</summary>
    private GraphReply? Authorize(string? token, IEnumerable<string> accepted)
    {
        if (token is not null && accepted.Contains(token))
        {
            return null;
        }
        return token is not null && _revokedTokens.Contains(token)
            ? GraphErrors.ExpiredToken()
            : GraphErrors.InvalidToken();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record StoredMedia(byte[] Bytes, string MimeType);
}

/// <summary>A request the stand-in received, with the answer it gave.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path without query, e.g. <c>/v23.0/106540352242922/messages</c>.</param>
/// <param name="Query">Raw query string, if any.</param>
/// <param name="Authorization">The <c>Authorization</c> header as sent.</param>
/// <param name="Body">The body text ("" when none).</param>
/// <param name="Json">The body parsed as JSON, when it is JSON.</param>
/// <param name="StatusCode">The status the stand-in answered.</param>
/// <param name="ResponseBody">The body the stand-in answered (text; binary media shows as UTF-8).</param>
public sealed record GraphRequest(string Method, string Path, string? Query, string? Authorization, string Body,
    JsonElement? Json, int StatusCode, string ResponseBody)
{
    /// <summary>A message send (POST …/messages that is not a read receipt).</summary>
    public bool IsSend => IsMessagesCall && !IsReadReceipt;

    /// <summary>A "mark as read" call.</summary>
    public bool IsReadReceipt => IsMessagesCall && Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("status", out _);

    /// <summary>The phone number id a messages call was made for.</summary>
    public string? PhoneNumberId => IsMessagesCall ? Path.Trim('/').Split('/')[1] : null;

    /// <summary>The wamid the stand-in gave an accepted send (null for a refused one).</summary>
    public string? Wamid
    {
        get
        {
            if (!IsSend || StatusCode != 200)
            {
                return null;
            }
            using var answer = JsonDocument.Parse(ResponseBody);
            return answer.RootElement.GetProperty("messages")[0].GetProperty("id").GetString();
        }
    }

    private bool IsMessagesCall => Method == "POST" && Path.EndsWith("/messages", StringComparison.Ordinal);
}

/// <summary>A scripted failure waiting for the next send.</summary>
internal sealed record ScriptedFailure(int HttpStatus, int Code, string Message, string Details);

/// <summary>What the stand-in read from a WireMock request.</summary>
internal sealed record GraphCall(string Method, string Path, string? Query, string? Authorization, string? Token,
    string Body, JsonElement? Json)
{
    public static GraphCall From(IRequestMessage request)
    {
        var authorization = Header(request, "Authorization");
        var body = request.BodyAsBytes is { } bytes ? Encoding.UTF8.GetString(bytes) : request.Body ?? "";
        var query = string.IsNullOrEmpty(request.RawQuery) ? null : request.RawQuery;
        return new GraphCall(request.Method.ToUpperInvariant(), request.Path, query, authorization,
            BearerToken(authorization) ?? QueryToken(request), body, ParseJson(body));
    }

    public GraphRequest Recorded(GraphReply reply) =>
        new(Method, Path, Query, Authorization, Body, Json, reply.Status, Encoding.UTF8.GetString(reply.Body));

    private static string? Header(IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
            .Value?.FirstOrDefault();

    private static string? BearerToken(string? authorization) =>
        authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : null;

    /// <summary>Graph also takes the token as <c>?access_token=</c>.</summary>
    private static string? QueryToken(IRequestMessage request) =>
        request.Query?.FirstOrDefault(q => q.Key == "access_token").Value?.FirstOrDefault();

    private static JsonElement? ParseJson(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>An answer of the stand-in.</summary>
internal sealed record GraphReply(int Status, string ContentType, byte[] Body)
{
    /// <summary>JSON written the way Graph writes it (see <see cref="MetaJson"/>).</summary>
    public static GraphReply Json(int status, JsonObject body) =>
        new(status, "application/json; charset=UTF-8", MetaJson.Serialize(body));

    public IResponseMessage ToResponseMessage()
    {
        var message = new ResponseMessage
        {
            StatusCode = Status,
            BodyData = new BodyData { BodyAsBytes = Body, DetectedBodyType = BodyType.Bytes },
        };
        message.AddHeader("Content-Type", ContentType);
        return message;
    }
}

/// <summary>Meta's error answers, each in the documented <c>{"error": {…}}</c> shape.</summary>
internal static class GraphErrors
{
    /// <summary>A token Graph cannot use at all (unknown, malformed, another number's, or none).</summary>
    public static GraphReply InvalidToken() =>
        Error(401, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190);

    /// <summary>A token that worked before and was revoked or expired: code 190, subcode 463.</summary>
    public static GraphReply ExpiredToken()
    {
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(-8));
        var message = $"Error validating access token: Session has expired on {PacificText(now.AddMinutes(-1))}. " +
                      $"The current time is {PacificText(now)}.";
        return Error(401, message, "OAuthException", 190, subcode: 463);
    }

    /// <summary>Graph words token times in Pacific time, e.g. "Tuesday, 20-Jan-26 10:00:00 PST".</summary>
    private static string PacificText(DateTimeOffset time) =>
        time.ToString("dddd, dd-MMM-yy HH:mm:ss 'PST'", CultureInfo.InvariantCulture);

    /// <summary>Code 100 "Invalid parameter" with the offending parameter in <c>error_data.details</c>.</summary>
    public static GraphReply InvalidParameter(string details) =>
        Error(400, "(#100) Invalid parameter", "OAuthException", 100, details: details);

    /// <summary>Graph's answer for an id that does not exist (or cannot be seen): code 100, subcode 33.</summary>
    public static GraphReply MissingObject(string verb, string id) =>
        Error(400, $"Unsupported {verb} request. Object with ID '{id}' does not exist, cannot be loaded due to " +
                   "missing permissions, or does not support this operation. Please read the Graph API documentation " +
                   "at https://developers.facebook.com/docs/graph-api", "GraphMethodException", 100, subcode: 33);

    /// <summary>Graph's answer for a path it does not know (also a wrong version prefix here).</summary>
    public static GraphReply UnknownPath(string path) =>
        Error(400, $"Unknown path components: {path}", "OAuthException", 2500);

    public static GraphReply Scripted(ScriptedFailure failure) =>
        Error(failure.HttpStatus, $"(#{failure.Code}) {failure.Message}", "OAuthException", failure.Code,
            details: failure.Details);

    private static GraphReply Error(int status, string message, string type, int code, int? subcode = null,
        string? details = null)
    {
        var error = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = code };
        if (details is not null)
        {
            error["error_data"] = new JsonObject { ["messaging_product"] = "whatsapp", ["details"] = details };
        }
        if (subcode is { } sub)
        {
            error["error_subcode"] = sub;
        }
        error["fbtrace_id"] = TraceId();
        return GraphReply.Json(status, new JsonObject { ["error"] = error });
    }

    private static string TraceId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(17)).Replace('+', '-').Replace('/', '_')[..23];
}

/// <summary>The checks Cloud API makes on a send before accepting it (the ones a product is likely to get wrong).</summary>
internal static class SendValidation
{
    private static readonly Dictionary<string, Func<JsonElement, string?>> ContentRules = new()
    {
        ["text"] = TextContent,
        ["template"] = TemplateContent,
        ["image"] = c => MediaContent(c, "image"),
        ["audio"] = c => MediaContent(c, "audio"),
        ["video"] = c => MediaContent(c, "video"),
        ["document"] = c => MediaContent(c, "document"),
        ["sticker"] = c => MediaContent(c, "sticker"),
        ["interactive"] = InteractiveContent,
        ["location"] = LocationContent,
        ["contacts"] = ContactsContent,
        ["reaction"] = ReactionContent,
    };

    /// <summary>Null when the send is acceptable, else the <c>details</c> of Meta's code-100 error.</summary>
    public static string? Problem(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return "The request body must be a JSON object.";
        }
        if (Text(body, "messaging_product") != "whatsapp")
        {
            return "The parameter messaging_product is required and must be whatsapp.";
        }
        if (Text(body, "recipient_type") is { } recipientType && recipientType is not ("individual" or "group"))
        {
            return $"Param recipient_type must be one of {{INDIVIDUAL, GROUP}} - got \"{recipientType}\".";
        }
        if (string.IsNullOrWhiteSpace(Text(body, "to")))
        {
            return "The parameter to is required.";
        }
        return ContentProblem(body, Text(body, "type") ?? "text");
    }

    /// <summary>A string property, or null when absent or not a string.</summary>
    public static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>The type is optional (text by default); its content sits under the key of the same name.</summary>
    private static string? ContentProblem(JsonElement body, string type)
    {
        if (!ContentRules.TryGetValue(type, out var rule))
        {
            return $"Param type must be one of {{{string.Join(", ", ContentRules.Keys.Select(k => k.ToUpperInvariant()))}}} - got \"{type}\".";
        }
        var expected = type == "contacts" ? JsonValueKind.Array : JsonValueKind.Object;
        if (!body.TryGetProperty(type, out var content) || content.ValueKind != expected)
        {
            return $"The parameter {type} is required.";
        }
        return rule(content);
    }

    private static string? TextContent(JsonElement text) =>
        Text(text, "body") switch
        {
            null or "" => "The parameter text['body'] is required.",
            { Length: > 4096 } => "Param text['body'] must be at most 4096 characters long.",
            _ => null,
        };

    private static string? TemplateContent(JsonElement template)
    {
        if (string.IsNullOrEmpty(Text(template, "name")))
        {
            return "The parameter template['name'] is required.";
        }
        var hasLanguage = template.TryGetProperty("language", out var language) && !string.IsNullOrEmpty(Text(language, "code"));
        return hasLanguage ? null : "The parameter template['language']['code'] is required.";
    }

    private static string? MediaContent(JsonElement media, string type) =>
        string.IsNullOrEmpty(Text(media, "id")) && string.IsNullOrEmpty(Text(media, "link"))
            ? $"Param {type} must have either id or link."
            : null;

    private static string? InteractiveContent(JsonElement interactive) =>
        string.IsNullOrEmpty(Text(interactive, "type")) || !interactive.TryGetProperty("action", out _)
            ? "The parameters interactive['type'] and interactive['action'] are required."
            : null;

    private static string? LocationContent(JsonElement location) =>
        location.TryGetProperty("latitude", out var lat) && lat.ValueKind == JsonValueKind.Number &&
        location.TryGetProperty("longitude", out var lon) && lon.ValueKind == JsonValueKind.Number
            ? null
            : "The parameters location['latitude'] and location['longitude'] are required.";

    private static string? ContactsContent(JsonElement contacts) =>
        contacts.GetArrayLength() == 0 ? "Param contacts must contain at least one contact." : null;

    /// <summary>An empty <c>emoji</c> is allowed: it removes an earlier reaction.</summary>
    private static string? ReactionContent(JsonElement reaction) =>
        string.IsNullOrEmpty(Text(reaction, "message_id")) || Text(reaction, "emoji") is null
            ? "The parameters reaction['message_id'] and reaction['emoji'] are required."
            : null;
}
