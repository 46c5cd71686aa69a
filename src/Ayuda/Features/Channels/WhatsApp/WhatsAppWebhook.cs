using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Channels.WhatsApp;

/// <summary>
/// <c>/webhooks/whatsapp</c>, which Meta calls: GET answers the verification handshake; POST takes messages and status
/// reports, but only with a valid <c>X-Hub-Signature-256</c> (HMAC-SHA256 of the raw body with the app secret):
/// anything else gets 401 and nothing is stored.
/// </summary>
public static class WhatsAppWebhook
{
    public const string Path = "/webhooks/whatsapp";
    private const int MaxBodyBytes = 3 * 1024 * 1024;

    public static IEndpointRouteBuilder MapWhatsAppWebhook(this IEndpointRouteBuilder app)
    {
        var hook = app.MapGroup(Path).AllowAnonymous().DisableAntiforgery().WithTags("WhatsApp");

        hook.MapGet("", (HttpRequest request, IOptionsMonitor<WhatsAppOptions> options, ILogger<WhatsAppInbox> logger) =>
            {
                var mode = request.Query["hub.mode"].ToString();
                var token = request.Query["hub.verify_token"].ToString();
                var challenge = request.Query["hub.challenge"].ToString();
                var known = options.CurrentValue.Numbers.Any(n => n.Enabled && n.VerifyToken.Length > 0 && SameText(n.VerifyToken, token));
                if (mode == "subscribe" && known && challenge.Length is > 0 and <= 200)
                {
                    logger.LogInformation("WhatsApp webhook verified by Meta");
                    return Results.Text(challenge, "text/plain");
                }
                logger.LogWarning("WhatsApp webhook verification refused (mode {Mode})", mode);
                return Results.Problem("The verify token does not match any WhatsApp number.", statusCode: StatusCodes.Status403Forbidden);
            })
            .WithSummary("Meta's verification handshake: echoes hub.challenge when hub.verify_token matches a number's verify token");

        hook.MapPost("", async (HttpRequest request, IOptionsMonitor<WhatsAppOptions> options, WhatsAppInbox inbox, ILogger<WhatsAppInbox> logger, CancellationToken ct) =>
            {
                var body = await ReadAsync(request, ct);
                if (body is null)
                {
                    return Results.Problem("The payload is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
                }
                var signature = request.Headers["X-Hub-Signature-256"].ToString();
                var secrets = options.CurrentValue.Numbers.Where(n => n.Enabled && n.AppSecret.Length > 0).Select(n => n.AppSecret).Distinct();
                if (!secrets.Any(secret => Signed(body, secret, signature)))
                {
                    logger.LogWarning("WhatsApp webhook with a missing or wrong signature from {Address}: refused", request.HttpContext.Connection.RemoteIpAddress);
                    return Results.Problem("Missing or invalid X-Hub-Signature-256.", statusCode: StatusCodes.Status401Unauthorized);
                }
                JsonDocument payload;
                try
                {
                    payload = JsonDocument.Parse(body);
                }
                catch (JsonException)
                {
                    return Results.Problem("The payload is not JSON.", statusCode: StatusCodes.Status400BadRequest);
                }
                using (payload)
                {
                    var accepted = await inbox.AcceptAsync(payload.RootElement, ct);
                    // Messages are stored either way (a redelivery is harmless); reports that came too early need one.
                    return accepted.Deferred > 0
                        ? Results.Problem("A status report arrived before its message's send was recorded; deliver it again.", statusCode: StatusCodes.Status503ServiceUnavailable)
                        : Results.Ok(accepted);
                }
            })
            .WithSummary("Messages and status reports from Meta, signed with the app secret");
        return app;
    }

    /// <summary>Meta signs the body exactly as sent: "sha256=" and the lowercase hex HMAC-SHA256 with the app secret.</summary>
    public static bool Signed(byte[] body, string appSecret, string header)
    {
        if (!header.StartsWith("sha256=", StringComparison.Ordinal))
        {
            return false;
        }
        byte[] given;
        try
        {
            given = Convert.FromHexString(header["sha256=".Length..]);
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static bool SameText(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
