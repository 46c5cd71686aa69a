using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Ayuda.Features.Settings;

namespace Ayuda.Features.Channels.Email;

/// <summary>
/// Settings under <c>Ayuda:Email</c>: the desk's address, the SMTP server that sends, the mailboxes that are read.
/// Configuration gives the starting values; once saved from the settings page, the stored copy wins (see
/// <see cref="SettingsStore"/>), except for the properties marked <see cref="JsonIgnoreAttribute"/>, which stay in
/// configuration only.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Ayuda:Email";

    /// <summary>The address customers write to and that every mail is sent from.</summary>
    [Required, EmailAddress]
    public string DeskAddress { get; set; } = "mesa@ayuda.local";
    public string DeskName { get; set; } = "Mesa de ayuda";

    /// <summary>Other addresses of the desk (aliases); mail from any of them is never imported (loop safety).</summary>
    public List<string> OwnAddresses { get; set; } = [];
    public SmtpSettings Smtp { get; set; } = new();
    public List<MailboxSettings> Mailboxes { get; set; } = [];

    [Range(1024, 512L * 1024 * 1024)]
    public long MaxMessageBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>A reply to a closed ticket within these days reopens it; later it opens a new ticket linked to it.</summary>
    [Range(0, 365)]
    public int ReopenDays { get; set; } = 7;
    public bool AcknowledgeNewTickets { get; set; } = true;

    [Range(0, 1000)]
    public int AcknowledgementsPerSenderPerHour { get; set; } = 3;

    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 60;

    [Range(1, 100), JsonIgnore]
    public int MaxSendAttempts { get; set; } = 10;

    /// <summary>How often the outbox is looked at when nothing wakes it (new rows written on this host wake it at once).</summary>
    [Range(1, 3600), JsonIgnore]
    public int OutboxSeconds { get; set; } = 5;

    public bool IsOwnAddress(string address) =>
        string.Equals(address, DeskAddress, StringComparison.OrdinalIgnoreCase)
        || OwnAddresses.Contains(address, StringComparer.OrdinalIgnoreCase)
        || Mailboxes.Any(m => string.Equals(m.User, address, StringComparison.OrdinalIgnoreCase));

    /// <summary>The From of every mail the desk sends: "Name &lt;address&gt;".</summary>
    [JsonIgnore]
    public string FromHeader => string.IsNullOrWhiteSpace(DeskName) ? DeskAddress : $"{DeskName} <{DeskAddress}>";

    [JsonIgnore]
    public string DeskDomain => DeskAddress[(DeskAddress.LastIndexOf('@') + 1)..];
}

public sealed class SmtpSettings
{
    /// <summary>Empty: sending is off and mail waits in the outbox.</summary>
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public MailSecurity Security { get; set; } = MailSecurity.Auto;
    public string User { get; set; } = "";
    [Secret]
    public string Password { get; set; } = "";
    public int TimeoutSeconds { get; set; } = 30;
}

public sealed class MailboxSettings
{
    /// <summary>Stable identity across renames (set when the mailbox is added from the UI); empty in configuration.</summary>
    public string Id { get; set; } = "";

    /// <summary>What names the mailbox in its lease and status: its name, else its user.</summary>
    [JsonIgnore]
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? User : Name;

    [JsonIgnore]
    public string Key => string.IsNullOrEmpty(Id) ? DisplayName : Id;

    public string Name { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public string Host { get; set; } = "";
    public int Port { get; set; } = 993;
    public MailSecurity Security { get; set; } = MailSecurity.Auto;
    public string User { get; set; } = "";
    [Secret]
    public string Password { get; set; } = "";
    public string Folder { get; set; } = "INBOX";
    public string ProcessedFolder { get; set; } = "Processed";
}

public enum MailSecurity
{
    /// <summary>TLS on connect for 465/993, STARTTLS when the server offers it otherwise.</summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
}
