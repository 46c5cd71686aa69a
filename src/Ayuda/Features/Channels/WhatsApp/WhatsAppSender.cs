using System.Text.Json;
using System.Text.Json.Nodes;
using Ayuda.Features.Notifications;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Channels.WhatsApp;

/// <summary>
/// Sends WhatsApp rows of the outbox through the Cloud API: free text inside the customer-service window, an approved
/// template outside it (decided when the message was written). Throttling and Meta's own errors are retried with
/// back-off; a revoked token keeps the messages waiting and warns SystemAdmin; re-engagement (131047) fails the message.
/// </summary>
public sealed class WhatsAppSender(
    GraphApi graph,
    ChannelAlerts alerts,
    IOptionsMonitor<WhatsAppOptions> options,
    IStringLocalizer<Strings> l) : IOutboxChannel
{
    public const int TokenCode = 190;
    public const int ReEngagementCode = 131047;

    public Tickets.Channel Channel => Tickets.Channel.WhatsApp;

    public bool IsConfigured => options.CurrentValue.Numbers.Any(n => n.Enabled && n.PhoneNumberId.Length > 0 && n.AccessToken.Length > 0);

    public async Task<string?> SendAsync(OutboxMessage outbox, CancellationToken cancellationToken)
    {
        var number = options.CurrentValue.Number(outbox.From) ?? throw new NumberGoneException(outbox.From);
        var body = Body(outbox);
        try
        {
            return await graph.SendAsync(number, body, cancellationToken);
        }
        catch (GraphApiException e) when (e.IsTokenProblem)
        {
            await alerts.RaiseAsync(Channel, number.PhoneNumberId, TokenCode, l["WhatsApp.TokenRejected", Name(number), e.Message], CancellationToken.None);
            throw;
        }
        catch (GraphApiException e) when (e.Code == ReEngagementCode)
        {
            await alerts.RaiseAsync(Channel, number.PhoneNumberId, ReEngagementCode, l["WhatsApp.ReEngagementAlert", Name(number), outbox.To], CancellationToken.None);
            throw;
        }
    }

    public Task SucceededAsync(OutboxMessage outbox, CancellationToken cancellationToken) =>
        alerts.ClearAsync(Channel, outbox.From, [TokenCode], cancellationToken);

    public SendFailure Classify(Exception error) => error switch
    {
        GraphApiException { IsTokenProblem: true } e => new(false, l["WhatsApp.TokenFailure", e.Message], Waiting: true),
        GraphApiException { Code: ReEngagementCode } => new(true, l["WhatsApp.ReEngagement"]),
        GraphApiException { IsTransient: true } e => new(false, l["WhatsApp.Transient", e.Code, e.Message]),
        GraphApiException e => new(true, l["WhatsApp.Refused", e.Code, e.Message]),
        NumberGoneException e => new(false, l["WhatsApp.NumberGone", e.PhoneNumberId], Waiting: true),
        _ => new(false, error.Message),
    };

    private static string Name(WhatsAppNumber number) => string.IsNullOrWhiteSpace(number.Name) ? number.DisplayNumber : number.Name;

    /// <summary>Meta's message body from the row's payload (our own small JSON: text, or template with parameters).</summary>
    internal static JsonObject Body(OutboxMessage outbox)
    {
        var payload = WhatsAppPayload.Parse(outbox.Payload);
        var body = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["recipient_type"] = "individual",
            ["to"] = outbox.To,
        };
        if (payload.Template is { } template)
        {
            var content = new JsonObject { ["name"] = template.Name, ["language"] = new JsonObject { ["code"] = template.Language } };
            if (template.Parameters.Count > 0)
            {
                content["components"] = new JsonArray(new JsonObject
                {
                    ["type"] = "body",
                    ["parameters"] = new JsonArray([.. template.Parameters.Select(p => (JsonNode)new JsonObject { ["type"] = "text", ["text"] = p })]),
                });
            }
            body["type"] = "template";
            body["template"] = content;
        }
        else
        {
            body["type"] = "text";
            body["text"] = new JsonObject { ["preview_url"] = false, ["body"] = outbox.Text };
        }
        return body;
    }

    private sealed class NumberGoneException(string phoneNumberId) : Exception($"WhatsApp number {phoneNumberId} is not configured.")
    {
        public string PhoneNumberId { get; } = phoneNumberId;
    }
}

/// <summary>What a WhatsApp outbox row sends: free text (the row's text) or a template with its filled parameters.</summary>
public sealed record WhatsAppPayload(TemplatePayload? Template)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WhatsAppPayload FreeText { get; } = new((TemplatePayload?)null);

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static WhatsAppPayload Parse(string? json) =>
        string.IsNullOrWhiteSpace(json) ? FreeText : JsonSerializer.Deserialize<WhatsAppPayload>(json, Json) ?? FreeText;
}

public sealed record TemplatePayload(string Name, string Language, IReadOnlyList<string> Parameters);
