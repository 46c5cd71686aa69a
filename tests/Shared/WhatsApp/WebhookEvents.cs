using System.Text.Json.Nodes;

namespace Ayuda.Testing.WhatsApp;

/// <summary>
/// One item of a <c>messages</c> webhook: an inbound message or a status of a sent message. The JSON stays editable so a
/// test can add a field Meta may send (a <c>referral</c>, an <c>identity_key_hash</c>) without a new builder; it is
/// copied into every payload built from it, so one item can go into several bodies.
/// </summary>
public abstract class WebhookEvent
{
    private protected WebhookEvent(JsonObject json) => Json = json;

    /// <summary>The item as it appears in <c>value.messages[]</c> or <c>value.statuses[]</c>.</summary>
    public JsonObject Json { get; }

    /// <summary>The WhatsApp message id (<c>wamid.…</c>) the item is about.</summary>
    public string Id => Json["id"]!.GetValue<string>();
}

/// <summary>An inbound message from a WhatsApp user; its sender also becomes an entry of <c>value.contacts</c>.</summary>
public sealed class WebhookMessage : WebhookEvent
{
    internal WebhookMessage(JsonObject json, string profileName) : base(json) => ProfileName = profileName;

    /// <summary>The sender's profile name, sent by Meta in <c>value.contacts[].profile.name</c>.</summary>
    public string ProfileName { get; }

    /// <summary>The sender's number (<c>from</c>), which is also their <c>wa_id</c> here.</summary>
    public string From => Json["from"]!.GetValue<string>();

    /// <summary>The message <c>type</c> (text, image, interactive, unsupported …).</summary>
    public string Type => Json["type"]!.GetValue<string>();

    /// <summary>
    /// The same message sent as a reply to one of the business's messages: Meta adds
    /// <c>context: {from: business display number, id: wamid}</c>. Without <paramref name="businessNumber"/> the
    /// display number of the business the payload is built for is used.
    /// </summary>
    public WebhookMessage ReplyingTo(string wamid, string? businessNumber = null)
    {
        var context = new JsonObject();
        if (businessNumber is not null)
        {
            context["from"] = businessNumber;
        }
        context["id"] = wamid;
        return WithContext(context);
    }

    /// <summary>The same message as forwarded by the user (<c>context.forwarded</c> or, past five forwards, <c>frequently_forwarded</c>).</summary>
    public WebhookMessage Forwarded(bool frequently = false) =>
        WithContext(new JsonObject { [frequently ? "frequently_forwarded" : "forwarded"] = true });

    private WebhookMessage WithContext(JsonObject context)
    {
        var json = (JsonObject)Json.DeepClone();
        json.Remove("context");
        json.Insert(0, "context", context);
        return new WebhookMessage(json, ProfileName);
    }
}

/// <summary>A status of a message the business sent (sent, delivered, read, failed, played).</summary>
public sealed class WebhookStatus : WebhookEvent
{
    internal WebhookStatus(JsonObject json) : base(json)
    {
    }

    /// <summary>The <c>status</c> value.</summary>
    public string Status => Json["status"]!.GetValue<string>();
}

/// <summary>The business number a change is about: its WhatsApp Business Account (<c>entry.id</c>) and <c>metadata</c>.</summary>
public sealed record WebhookBusiness(string WabaId, string PhoneNumberId, string DisplayPhoneNumber)
{
    /// <summary>The sample business of Meta's webhook reference pages.</summary>
    public static WebhookBusiness Default { get; } =
        new(MetaWebhooks.DefaultWabaId, MetaWebhooks.DefaultPhoneNumberId, MetaWebhooks.DefaultDisplayPhoneNumber);
}

/// <summary>Several items about one business number; Meta batches them into one <c>changes[]</c> element.</summary>
public sealed record WebhookChange(WebhookBusiness Business, IReadOnlyList<WebhookEvent> Events);

/// <summary>
/// The <c>pricing</c> object of a status (and the <c>conversation.origin.type</c> that goes with it). Since July 2025
/// the model is per-message pricing (<c>PMP</c>); a help desk's replies inside the customer service window are
/// <c>service</c> and free.
/// </summary>
public sealed record StatusPricing(string Category, string Type, bool Billable, string Model = "PMP")
{
    /// <summary>A non-template reply within the customer service window: free.</summary>
    public static StatusPricing Service { get; } = new("service", "free_customer_service", false);

    /// <summary>A utility template sent outside the window: billed.</summary>
    public static StatusPricing Utility { get; } = new("utility", "regular", true);

    /// <summary>A marketing template: billed.</summary>
    public static StatusPricing Marketing { get; } = new("marketing", "regular", true);
}

/// <summary>A contact card shared by a WhatsApp user (<c>type: contacts</c>); Meta omits whatever the user did not share.</summary>
public sealed record SharedContact(string FormattedName, string? FirstName = null, string? LastName = null)
{
    /// <summary>The card's phone numbers.</summary>
    public IReadOnlyList<SharedPhone> Phones { get; init; } = [];

    /// <summary>The card's e-mail addresses.</summary>
    public IReadOnlyList<SharedEmail> Emails { get; init; } = [];

    /// <summary>The card's <c>org.company</c>, if any.</summary>
    public string? Company { get; init; }
}

/// <summary>A phone of a shared contact; <paramref name="WaId"/> is present when the number is on WhatsApp.</summary>
public sealed record SharedPhone(string Phone, string? WaId = null, string Type = "CELL");

/// <summary>An e-mail address of a shared contact.</summary>
public sealed record SharedEmail(string Email, string Type = "WORK");
