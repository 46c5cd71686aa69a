using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Ayuda.Features.Notifications;
using Ayuda.Features.Settings;

namespace Ayuda.Features.Channels.WhatsApp;

/// <summary>
/// Settings under <c>Ayuda:WhatsApp</c>: the business numbers (WhatsApp Business Cloud API), how messages join tickets,
/// and the approved templates used outside the 24-hour window. Configuration gives the starting values; the settings
/// page's saved copy wins (<see cref="SettingsStore"/>).
/// </summary>
public sealed class WhatsAppOptions
{
    public const string Section = "Ayuda:WhatsApp";

    /// <summary>Meta's Graph API, or a stand-in in tests.</summary>
    [Required, Url]
    public string GraphBaseUrl { get; set; } = "https://graph.facebook.com";

    [Required, RegularExpression(@"^v\d+\.\d+$")]
    public string GraphVersion { get; set; } = "v23.0";

    public List<WhatsAppNumber> Numbers { get; set; } = [];

    /// <summary>A message from someone with a WhatsApp ticket still open and active within these hours joins it.</summary>
    [Range(1, 24 * 60)]
    public int JoinWindowHours { get; set; } = 72;

    public bool AcknowledgeNewTickets { get; set; } = true;

    /// <summary>The approved templates, one per kind of message, for writing outside the customer-service window.</summary>
    public List<WhatsAppTemplate> Templates { get; set; } = [];

    [Range(1024, 100L * 1024 * 1024), JsonIgnore]
    public long MaxMediaBytes { get; set; } = 100L * 1024 * 1024;

    [Range(5, 300), JsonIgnore]
    public int TimeoutSeconds { get; set; } = 30;

    public WhatsAppNumber? Number(string phoneNumberId) =>
        Numbers.FirstOrDefault(n => n.Enabled && string.Equals(n.PhoneNumberId, phoneNumberId, StringComparison.Ordinal));

    public WhatsAppTemplate? Template(OutboxKind kind) => Templates.FirstOrDefault(t => t.Kind == kind && !string.IsNullOrWhiteSpace(t.Name));
}

/// <summary>One WhatsApp Business number: its ids in Meta's platform and its secrets.</summary>
public sealed class WhatsAppNumber
{
    public string Name { get; set; } = "";
    public bool Enabled { get; set; } = true;

    /// <summary>Meta's id of the number (not the number itself): the path of every send.</summary>
    public string PhoneNumberId { get; set; } = "";

    /// <summary>The number as customers see it, e.g. +54 9 11 5555-0000.</summary>
    public string DisplayNumber { get; set; } = "";

    [Secret]
    public string AccessToken { get; set; } = "";

    /// <summary>The Meta app's secret: webhook payloads are signed with it (X-Hub-Signature-256).</summary>
    [Secret]
    public string AppSecret { get; set; } = "";

    /// <summary>What Meta sends back when the webhook is verified (hub.verify_token).</summary>
    [Secret]
    public string VerifyToken { get; set; } = "";
}

/// <summary>
/// An approved message template for one kind of message. <see cref="Parameters"/> fill the template's body variables
/// {{1}}, {{2}}… in order, from: ticket.number, ticket.subject, customer.name, contact.name, consultant.name, message.
/// </summary>
public sealed class WhatsAppTemplate
{
    public static readonly string[] Fields = ["ticket.number", "ticket.subject", "customer.name", "contact.name", "consultant.name", "message"];

    public OutboxKind Kind { get; set; }
    public string Name { get; set; } = "";
    public string Language { get; set; } = "es_AR";
    public List<string> Parameters { get; set; } = [];
}
