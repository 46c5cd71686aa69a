using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Channels.WhatsApp;

/// <summary>
/// The few Graph API calls Ayuda makes for WhatsApp: send a message, look a media object up, download it. Errors come
/// back as <see cref="GraphApiException"/> with Meta's code, so callers decide on the code, not the HTTP status.
/// </summary>
public sealed class GraphApi(IHttpClientFactory clients, IOptionsMonitor<WhatsAppOptions> options)
{
    public const string ClientName = "graph";

    private WhatsAppOptions Settings => options.CurrentValue;

    private Uri Url(string path) => new($"{Settings.GraphBaseUrl.TrimEnd('/')}/{Settings.GraphVersion}/{path}");

    /// <summary>POST /{phone-number-id}/messages; returns the wamid.</summary>
    public async Task<string> SendAsync(WhatsAppNumber number, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url($"{number.PhoneNumberId}/messages"))
        {
            Content = JsonContent.Create(body),
        };
        using var response = await SendAsync(request, number, cancellationToken);
        var json = await ReadAsync(response, cancellationToken);
        return json.TryGetProperty("messages", out var messages) && messages.GetArrayLength() > 0 && messages[0].TryGetProperty("id", out var id)
            ? id.GetString()!
            : throw new GraphApiException(response.StatusCode, 0, null, "The answer to a send carried no message id.");
    }

    /// <summary>GET /{media-id} then the URL it gives: the bytes, their type and the name Meta knows.</summary>
    public async Task<(byte[] Bytes, string MimeType)> DownloadMediaAsync(WhatsAppNumber number, string mediaId, CancellationToken cancellationToken)
    {
        using var lookup = new HttpRequestMessage(HttpMethod.Get, Url(Uri.EscapeDataString(mediaId)));
        using var found = await SendAsync(lookup, number, cancellationToken);
        var media = await ReadAsync(found, cancellationToken);
        var url = WhatsAppMessageReader.Str(media, "url")
            ?? throw new GraphApiException(found.StatusCode, 0, null, $"Meta's answer for media {mediaId} carried no URL.");
        var mime = media.TryGetProperty("mime_type", out var m) ? m.GetString() ?? "application/octet-stream" : "application/octet-stream";
        var size = media.TryGetProperty("file_size", out var s) ? s.ValueKind == JsonValueKind.Number ? s.GetInt64() : long.TryParse(s.GetString(), out var parsed) ? parsed : 0 : 0;
        if (size > Settings.MaxMediaBytes)
        {
            throw new MediaTooLargeException(size, Settings.MaxMediaBytes);
        }
        using var download = new HttpRequestMessage(HttpMethod.Get, url);
        using var bytes = await SendAsync(download, number, cancellationToken);
        if (!bytes.IsSuccessStatusCode)
        {
            await ReadAsync(bytes, cancellationToken);
        }
        var content = await bytes.Content.ReadAsByteArrayAsync(cancellationToken);
        if (content.LongLength > Settings.MaxMediaBytes)
        {
            throw new MediaTooLargeException(content.LongLength, Settings.MaxMediaBytes);
        }
        return (content, mime);
    }

    /// <summary>GET /{phone-number-id}: Meta's name and quality for the number, to test its token.</summary>
    public async Task<JsonElement> NumberAsync(WhatsAppNumber number, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url($"{number.PhoneNumberId}?fields=display_phone_number,verified_name,quality_rating"));
        using var response = await SendAsync(request, number, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, WhatsAppNumber number, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", number.AccessToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Settings.TimeoutSeconds));
        try
        {
            return await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GraphApiException(HttpStatusCode.RequestTimeout, 0, null, $"Meta did not answer within {Settings.TimeoutSeconds} s.");
        }
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement json;
        try
        {
            json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new GraphApiException(response.StatusCode, 0, null, $"HTTP {(int)response.StatusCode}: {Clip(text)}");
        }
        if (response.IsSuccessStatusCode)
        {
            return json;
        }
        if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var error))
        {
            var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
            var subcode = error.TryGetProperty("error_subcode", out var sc) && sc.TryGetInt32(out var sn) ? sn : (int?)null;
            var message = error.TryGetProperty("message", out var msg) ? msg.GetString() ?? "" : "";
            var details = error.TryGetProperty("error_data", out var data) && data.TryGetProperty("details", out var d) ? d.GetString() : null;
            throw new GraphApiException(response.StatusCode, code, subcode, details is null ? message : $"{message}: {details}");
        }
        throw new GraphApiException(response.StatusCode, 0, null, $"HTTP {(int)response.StatusCode}: {Clip(text)}");
    }

    private static string Clip(string text) => text.Length > 300 ? text[..300] : text;
}

/// <summary>An error answer from the Graph API, with Meta's error code (190 token, 131047 re-engagement, 130429 throughput…).</summary>
public sealed class GraphApiException(HttpStatusCode status, int code, int? subcode, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
    public int Code { get; } = code;
    public int? Subcode { get; } = subcode;

    /// <summary>Worth trying again later: throttling, Meta's own errors, timeouts, 5xx.</summary>
    public bool IsTransient => Code is 1 or 2 or 4 or 17 or 32 or 613 or 80007 or 130429 or 131000 or 131016 or 131056 or 133004
        || (int)Status >= 500 || Status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    /// <summary>The access token is invalid, expired or revoked.</summary>
    public bool IsTokenProblem => Code == 190 || (Code is 0 && Status == HttpStatusCode.Unauthorized);
}

public sealed class MediaTooLargeException(long size, long limit) : Exception($"The file is {size:N0} bytes; the limit is {limit:N0}.");
