using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Ayuda.Testing.WhatsApp;

/// <summary>
/// Builds the bodies Meta POSTs to a WhatsApp Business Account webhook (field <c>messages</c>) and signs them as Meta
/// does, so the product's webhook endpoint can be tested without Meta. Item builders follow the "messages webhook
/// reference" pages (one page per message type, one for statuses); <see cref="Payload(WebhookEvent[])"/> wraps items
/// in the <c>object/entry/changes/value</c> envelope and returns the exact bytes to post and sign.
/// </summary>
/// <remarks>
/// Every message builder ends with the same optional sender parameters: <c>from</c> (the user's number, also used as
/// <c>wa_id</c>), <c>id</c> (default: a new wamid), <c>timestamp</c> (unix seconds, default: now) and
/// <c>profileName</c>.
/// </remarks>
public static class MetaWebhooks
{
    /// <summary>The WhatsApp Business Account id of Meta's reference examples.</summary>
    public const string DefaultWabaId = "102290129340398";

    /// <summary>The business phone number id of Meta's reference examples.</summary>
    public const string DefaultPhoneNumberId = "106540352242922";

    /// <summary>The business display phone number of Meta's reference examples.</summary>
    public const string DefaultDisplayPhoneNumber = "15550783881";

    /// <summary>The WhatsApp user of Meta's reference examples.</summary>
    public const string DefaultCustomerWaId = "16505551234";

    /// <summary>The profile name of Meta's reference examples.</summary>
    public const string DefaultCustomerName = "Sheena Nelson";

    /// <summary>Where Meta's webhook errors point (<c>errors[].href</c>).</summary>
    public const string ErrorCodesUrl = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

    // ---------------------------------------------------------------- inbound messages

    /// <summary>A text message (<c>text.body</c>).</summary>
    public static WebhookMessage Text(string body,
        string? from = null, string? id = null, long? timestamp = null, string? profileName = null) =>
        Message("text", new JsonObject { ["body"] = body }, from, id, timestamp, profileName);

    /// <summary>
    /// An image. <paramref name="sha256"/> is the base64 SHA-256 Meta puts in webhooks (see <see cref="Sha256Base64"/>);
    /// by default one is made up. <paramref name="url"/> is the lookaside URL Meta has been adding since November 2025.
    /// </summary>
    public static WebhookMessage Image(string mediaId, string mimeType = "image/jpeg", string? caption = null,
        string? sha256 = null, string? url = null,
        string? from = null, string? id = null, long? timestamp = null, string? profileName = null) =>
        Message("image", Media(mediaId, mimeType, sha256, url, caption), from, id, timestamp, profileName);

    /// <summary>A document, with its <c>filename</c>.</summary>
    public static WebhookMessage Document(string mediaId, string filename, string mimeType = "application/pdf",
        string? caption = null, string? sha256 = null, string? url = null,
        string? from = null, string? id = null, long? timestamp = null, string? profileName = null)
    {
        var content = Media(mediaId, mimeType, sha256, url, caption);
        content.Insert(caption is null ? 0 : 1, "filename", filename);
        return Message("document", content, from, id, timestamp, profileName);
    }

    /// <summary>An audio message; <paramref name="voice"/> is true for a recorded voice note.</summary>
    public static WebhookMessage Audio(string mediaId, bool voice = true, string mimeType = "audio/ogg; codecs=opus",
        string? sha256 = null, string? url = null,
        string? from = null, string? id = null, long? timestamp = null, string? profileName = null)
    {
        var content = Media(mediaId, mimeType, sha256, url, caption: null);
        content["voice"] = voice;
        return Message("audio", content, from, id, timestamp, profileName);
    }

    /// <summary>A video.</summary>
    public static WebhookMessage Video(string mediaId, string mimeType = "video/mp4", string? caption = null,
        string? sha256 = null, string? url = null,
        string? from = null, string? id = null, long? timestamp = null, string? profileName = null) =>
        Message("video", Media(mediaId, mimeType, sha256, url, caption), from, id, timestamp, profileName);

    /// <summary>A sticker (<c>image/webp</c>), animated or not.</summary>
    public static WebhookMessage Sticker(string mediaId, bool animated = false, string mimeType = "image/webp",
        string? sha256 = null, string? url = null,
        string? from = null, string? id = null, long? timestamp = null, string? profileName = null)
    {
        var content = Media(mediaId, mimeType, sha256, url, caption: null);
        content["animated"] = animated;
        return Message("sticker", content, from, id, timestamp, profileName);
    }

    /// <summary>A shared location; <c>name</c>, <c>address</c> and <c>url</c> come only with a named place.</summary>
    public static WebhookMessage Location(double latitude, double longitude, string? name = null,
        string? address = null, string? url = null,
        string? from = null, string? id = null, long? timestamp = null, string? profileName = null)
    {
        var content = new JsonObject();
        AddIfPresent(content, "address", address);
        content["latitude"] = latitude;
        content["longitude"] = longitude;
        AddIfPresent(content, "name", name);
        AddIfPresent(content, "url", url);
        return Message("location", content, from, id, timestamp, profileName);
    }

    /// <summary>One or more shared contact cards; the item holds a <c>contacts</c> array, not an object.</summary>
    public static WebhookMessage Contacts(SharedContact[] contacts,
        string? from = null, string? id = null, long? timestamp = null, string? profileName = null) =>
        Message("contacts", new JsonArray([.. contacts.Select(ContactCard)]), from, id, timestamp, profileName);

    /// <summary>A tap on a reply button of the business's interactive message <paramref name="contextId"/>.</summary>
    public static WebhookMessage ButtonReply(string contextId, string buttonId, string title,
        string? from = null, string? id = null, long? timestamp = null, string? profileName = null)
    {
        var reply = new JsonObject { ["id"] = buttonId, ["title"] = title };
        var content = new JsonObject { ["type"] = "button_reply", ["button_reply"] = reply };
        return Message("interactive", content, from, id, timestamp, profileName).ReplyingTo(contextId);
    }

    /// <summary>A row chosen in the business's interactive list message <paramref name="contextId"/>.</summary>
    public static WebhookMessage ListReply(string contextId, string rowId, string title, string? description = null,
        string? from = null, string? id = null, long? timestamp = null, string? profileName = null)
    {
        var reply = new JsonObject { ["id"] = rowId, ["title"] = title };
        AddIfPresent(reply, "description", description);
        var content = new JsonObject { ["type"] = "list_reply", ["list_reply"] = reply };
        return Message("interactive", content, from, id, timestamp, profileName).ReplyingTo(contextId);
    }

    /// <summary>A tap on a quick-reply button of the business's template message <paramref name="contextId"/>.</summary>
    public static WebhookMessage Button(string contextId, string payload, string text,
        string? from = null, string? id = null, long? timestamp = null, string? profileName = null) =>
        Message("button", new JsonObject { ["payload"] = payload, ["text"] = text }, from, id, timestamp, profileName)
            .ReplyingTo(contextId);

    /// <summary>An emoji reaction to the business's message <paramref name="messageId"/>.</summary>
    public static WebhookMessage Reaction(string messageId, string emoji,
        string? from = null, string? id = null, long? timestamp = null, string? profileName = null) =>
        Message("reaction", new JsonObject { ["message_id"] = messageId, ["emoji"] = emoji },
            from, id, timestamp, profileName);

    /// <summary>The user took their reaction back: Meta sends the reaction again without <c>emoji</c>.</summary>
    public static WebhookMessage ReactionRemoved(string messageId,
        string? from = null, string? id = null, long? timestamp = null, string? profileName = null) =>
        Message("reaction", new JsonObject { ["message_id"] = messageId }, from, id, timestamp, profileName);

    /// <summary>
    /// A message Cloud API cannot pass on (an edit, a poll …): <c>type: unsupported</c>, the original kind in
    /// <c>unsupported.type</c> and error 131051 "Message type unknown".
    /// </summary>
    public static WebhookMessage Unsupported(string unsupportedType = "edit",
        string? from = null, string? id = null, long? timestamp = null, string? profileName = null)
    {
        var message = Message("unsupported", new JsonObject { ["type"] = unsupportedType },
            from, id, timestamp, profileName);
        var error = Error(131051, "Message type unknown", "Message type is currently not supported.", href: null);
        message.Json.Insert(message.Json.IndexOf("type"), "errors", new JsonArray(error));
        return message;
    }

    /// <summary>
    /// Any <paramref name="type"/> with <paramref name="content"/> under the key of the same name (omitted when null):
    /// for message kinds without a builder, or a made-up future one.
    /// </summary>
    public static WebhookMessage Raw(string type, JsonObject? content,
        string? from = null, string? id = null, long? timestamp = null, string? profileName = null) =>
        Message(type, content, from, id, timestamp, profileName);

    // ---------------------------------------------------------------- statuses of sent messages

    /// <summary>
    /// <c>sent</c>: Meta's servers took the message. Carries <c>conversation</c> (with its expiration) and
    /// <c>pricing</c>, as v23.0 webhooks do.
    /// </summary>
    public static WebhookStatus Sent(string wamid, string? recipientId = null, long? timestamp = null,
        StatusPricing? pricing = null) =>
        Status(wamid, "sent", recipientId, timestamp, pricing ?? StatusPricing.Service, withExpiration: true);

    /// <summary><c>delivered</c> to the user's device, with <c>conversation</c> and <c>pricing</c>.</summary>
    public static WebhookStatus Delivered(string wamid, string? recipientId = null, long? timestamp = null,
        StatusPricing? pricing = null) =>
        Status(wamid, "delivered", recipientId, timestamp, pricing ?? StatusPricing.Service, withExpiration: false);

    /// <summary>
    /// <c>read</c>. Pricing appears in only one of delivered/read, so by default it is left out here (as in Meta's
    /// example); pass <paramref name="pricing"/> for a read that arrives without a delivered before it.
    /// </summary>
    public static WebhookStatus Read(string wamid, string? recipientId = null, long? timestamp = null,
        StatusPricing? pricing = null) =>
        Status(wamid, "read", recipientId, timestamp, pricing, withExpiration: false);

    /// <summary>Any other status value, e.g. <c>played</c> for a voice message; no pricing.</summary>
    public static WebhookStatus Status(string wamid, string status, string? recipientId = null, long? timestamp = null) =>
        Status(wamid, status, recipientId, timestamp, pricing: null, withExpiration: false);

    /// <summary>
    /// <c>failed</c>, with <c>errors: [{code, title, message, error_data: {details}, href}]</c>; Meta sets
    /// <c>message</c> to the title. No conversation or pricing.
    /// </summary>
    public static WebhookStatus Failed(string wamid, int code, string title, string details,
        string? recipientId = null, long? timestamp = null)
    {
        var status = Status(wamid, "failed", recipientId, timestamp);
        status.Json["errors"] = new JsonArray(Error(code, title, details, ErrorCodesUrl));
        return status;
    }

    /// <summary>131047: the customer last wrote more than 24 hours ago, so only a template may be sent.</summary>
    public static WebhookStatus ReEngagementFailed(string wamid, string? recipientId = null, long? timestamp = null) =>
        Failed(wamid, 131047, "Re-engagement message",
            "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
            recipientId, timestamp);

    /// <summary>131026: the message could not be delivered (not a WhatsApp number, old app, blocked …).</summary>
    public static WebhookStatus UndeliverableFailed(string wamid, string? recipientId = null, long? timestamp = null) =>
        Failed(wamid, 131026, "Message undeliverable", "Unable to deliver message.", recipientId, timestamp);

    // ---------------------------------------------------------------- bodies

    /// <summary>One POST body for the default business (<see cref="WebhookBusiness.Default"/>).</summary>
    public static byte[] Payload(params WebhookEvent[] events) => Payload(WebhookBusiness.Default, events);

    /// <summary>One POST body with every item for one business number, as Meta batches them.</summary>
    public static byte[] Payload(WebhookBusiness business, params WebhookEvent[] events) =>
        Batch(new WebhookChange(business, events));

    /// <summary>One POST body for several business numbers: one <c>entry</c> per WABA, one change per number.</summary>
    public static byte[] Batch(params WebhookChange[] changes) => MetaJson.Serialize(Envelope(changes));

    /// <summary>
    /// The envelope as JSON, for a test that wants to tamper with it before serializing with
    /// <see cref="MetaJson.Serialize"/>. Messages and statuses of one number go into separate changes, each shaped
    /// exactly like one of Meta's reference examples.
    /// </summary>
    public static JsonObject Envelope(params WebhookChange[] changes)
    {
        var entries = changes
            .GroupBy(c => c.Business.WabaId)
            .Select(waba => new JsonObject
            {
                ["id"] = waba.Key,
                ["changes"] = new JsonArray([.. waba.SelectMany(ChangesFor)]),
            });
        return new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray([.. entries]),
        };
    }

    /// <summary>
    /// The <c>X-Hub-Signature-256</c> header value: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of the exact
    /// body bytes, keyed with the app secret.
    /// </summary>
    public static string Sign(byte[] body, string appSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));

    /// <summary>The query string of Meta's subscription check (<c>GET</c> on the webhook URL), with its leading <c>?</c>.</summary>
    public static string VerificationQuery(string verifyToken, string challenge, string mode = "subscribe") =>
        $"?hub.mode={Uri.EscapeDataString(mode)}&hub.challenge={Uri.EscapeDataString(challenge)}" +
        $"&hub.verify_token={Uri.EscapeDataString(verifyToken)}";

    // ---------------------------------------------------------------- ids and hashes

    /// <summary>The SHA-256 of media bytes as webhooks carry it (base64).</summary>
    public static string Sha256Base64(byte[] bytes) => Convert.ToBase64String(SHA256.HashData(bytes));

    /// <summary>The SHA-256 of media bytes as the media URL endpoint returns it (lowercase hex).</summary>
    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// A new WhatsApp message id shaped like Meta's: <c>wamid.</c> and base64 of a small binary record holding the
    /// user's number and a random hex key. It may contain <c>+</c>, <c>/</c> and <c>=</c>, as real ones do.
    /// </summary>
    public static string NewWamid(string waId = DefaultCustomerWaId)
    {
        var number = Encoding.ASCII.GetBytes(new string([.. waId.Where(char.IsAsciiDigit)]));
        var key = Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(10)));
        byte[] record = [0x1C, 0x18, (byte)number.Length, .. number, 0x15, 0x02, 0x00, 0x12, 0x18, (byte)key.Length, .. key, 0x00];
        return "wamid." + Convert.ToBase64String(record);
    }

    /// <summary>A new numeric media id, 16 digits like Meta's.</summary>
    public static string NewMediaId() =>
        RandomNumberGenerator.GetInt32(1, 10).ToString(CultureInfo.InvariantCulture) +
        RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture) +
        RandomNumberGenerator.GetInt32(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>The current time as webhook timestamps carry it.</summary>
    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    // ---------------------------------------------------------------- internals

    private static WebhookMessage Message(string type, JsonNode? content,
        string? from, string? id, long? timestamp, string? profileName)
    {
        var sender = from ?? DefaultCustomerWaId;
        var json = new JsonObject
        {
            ["from"] = sender,
            ["id"] = id ?? NewWamid(sender),
            ["timestamp"] = UnixText(timestamp ?? Now()),
            ["type"] = type,
        };
        if (content is not null)
        {
            json[type] = content;
        }
        return new WebhookMessage(json, profileName ?? DefaultCustomerName);
    }

    private static JsonObject Media(string mediaId, string mimeType, string? sha256, string? url, string? caption)
    {
        var content = new JsonObject();
        AddIfPresent(content, "caption", caption);
        content["mime_type"] = mimeType;
        content["sha256"] = sha256 ?? Sha256Base64(Encoding.UTF8.GetBytes(mediaId));
        content["id"] = mediaId;
        AddIfPresent(content, "url", url);
        return content;
    }

    private static JsonObject ContactCard(SharedContact contact)
    {
        var name = new JsonObject { ["formatted_name"] = contact.FormattedName };
        AddIfPresent(name, "first_name", contact.FirstName);
        AddIfPresent(name, "last_name", contact.LastName);
        var card = new JsonObject();
        if (contact.Emails.Count > 0)
        {
            card["emails"] = new JsonArray([.. contact.Emails.Select(e => new JsonObject { ["email"] = e.Email, ["type"] = e.Type })]);
        }
        card["name"] = name;
        if (contact.Company is not null)
        {
            card["org"] = new JsonObject { ["company"] = contact.Company };
        }
        if (contact.Phones.Count > 0)
        {
            card["phones"] = new JsonArray([.. contact.Phones.Select(PhoneCard)]);
        }
        return card;
    }

    private static JsonObject PhoneCard(SharedPhone phone)
    {
        var card = new JsonObject { ["phone"] = phone.Phone };
        AddIfPresent(card, "wa_id", phone.WaId);
        card["type"] = phone.Type;
        return card;
    }

    private static WebhookStatus Status(string wamid, string status, string? recipientId, long? timestamp,
        StatusPricing? pricing, bool withExpiration)
    {
        var at = timestamp ?? Now();
        var json = new JsonObject
        {
            ["id"] = wamid,
            ["status"] = status,
            ["timestamp"] = UnixText(at),
            ["recipient_id"] = recipientId ?? DefaultCustomerWaId,
        };
        if (pricing is not null)
        {
            json["conversation"] = Conversation(pricing, withExpiration ? at + 86_400 : null);
            json["pricing"] = new JsonObject
            {
                ["billable"] = pricing.Billable,
                ["pricing_model"] = pricing.Model,
                ["type"] = pricing.Type,
                ["category"] = pricing.Category,
            };
        }
        return new WebhookStatus(json);
    }

    /// <summary>In v23.0 the conversation id is unique per message (per window only for free entry points).</summary>
    private static JsonObject Conversation(StatusPricing pricing, long? expiration)
    {
        var conversation = new JsonObject { ["id"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) };
        if (expiration is { } expires)
        {
            conversation["expiration_timestamp"] = UnixText(expires);
        }
        conversation["origin"] = new JsonObject { ["type"] = pricing.Category };
        return conversation;
    }

    private static JsonObject Error(int code, string title, string details, string? href)
    {
        var error = new JsonObject
        {
            ["code"] = code,
            ["title"] = title,
            ["message"] = title,
            ["error_data"] = new JsonObject { ["details"] = details },
        };
        AddIfPresent(error, "href", href);
        return error;
    }

    private static IEnumerable<JsonObject> ChangesFor(WebhookChange change)
    {
        var messages = change.Events.OfType<WebhookMessage>().ToList();
        var statuses = change.Events.OfType<WebhookStatus>().ToList();
        if (messages.Count > 0)
        {
            yield return Change(change.Business, MessagesValue(change.Business, messages));
        }
        if (statuses.Count > 0)
        {
            var value = new JsonObject { ["statuses"] = new JsonArray([.. statuses.Select(s => s.Json.DeepClone())]) };
            yield return Change(change.Business, value);
        }
    }

    private static JsonObject Change(WebhookBusiness business, JsonObject items)
    {
        var value = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = new JsonObject
            {
                ["display_phone_number"] = business.DisplayPhoneNumber,
                ["phone_number_id"] = business.PhoneNumberId,
            },
        };
        foreach (var (key, node) in items.ToList())
        {
            items.Remove(key);
            value[key] = node;
        }
        return new JsonObject { ["value"] = value, ["field"] = "messages" };
    }

    /// <summary><c>contacts</c> (one per distinct sender) and the messages, with reply contexts pointing at the business.</summary>
    private static JsonObject MessagesValue(WebhookBusiness business, List<WebhookMessage> messages)
    {
        var contacts = messages
            .DistinctBy(m => m.From)
            .Select(m => new JsonObject
            {
                ["profile"] = new JsonObject { ["name"] = m.ProfileName },
                ["wa_id"] = m.From,
            });
        return new JsonObject
        {
            ["contacts"] = new JsonArray([.. contacts]),
            ["messages"] = new JsonArray([.. messages.Select(m => WithBusinessContext(m, business))]),
        };
    }

    private static JsonObject WithBusinessContext(WebhookMessage message, WebhookBusiness business)
    {
        var json = (JsonObject)message.Json.DeepClone();
        if (json["context"] is JsonObject context && context.ContainsKey("id") && !context.ContainsKey("from"))
        {
            context.Insert(0, "from", business.DisplayPhoneNumber);
        }
        return json;
    }

    private static void AddIfPresent(JsonObject target, string key, string? value)
    {
        if (value is not null)
        {
            target[key] = value;
        }
    }

    private static string UnixText(long seconds) => seconds.ToString(CultureInfo.InvariantCulture);
}
