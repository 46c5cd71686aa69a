using Ayuda.Features.Settings;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Channels.Email;

/// <summary>
/// The email settings as the settings page and <c>/api/v1/settings/email</c> show and change them: the desk's address,
/// SMTP, mailboxes and the reply rules. Passwords are never shown; an empty password keeps the stored one. A save takes
/// effect at once (the poller restarts the mailboxes that changed, the outbox uses the new server on its next round).
/// </summary>
public sealed class EmailSettingsEditor(
    IOptionsMonitor<EmailOptions> options,
    SettingsStore store,
    MailConnectionTester tester,
    IStringLocalizer<Strings> l)
{
    private const int MegaByte = 1024 * 1024;

    public EmailSettingsForm Current()
    {
        var settings = options.CurrentValue;
        var stored = store.Find(EmailOptions.Section);
        return new EmailSettingsForm
        {
            Version = stored?.Version ?? 0,
            UpdatedAt = stored?.UpdatedAt,
            UpdatedBy = stored?.UpdatedBy,
            DeskAddress = settings.DeskAddress,
            DeskName = settings.DeskName,
            OwnAddresses = [.. settings.OwnAddresses],
            MaxMessageMegabytes = (int)Math.Max(1, settings.MaxMessageBytes / MegaByte),
            ReopenDays = settings.ReopenDays,
            AcknowledgeNewTickets = settings.AcknowledgeNewTickets,
            AcknowledgementsPerSenderPerHour = settings.AcknowledgementsPerSenderPerHour,
            PollSeconds = settings.PollSeconds,
            Smtp = new SmtpForm
            {
                Host = settings.Smtp.Host,
                Port = settings.Smtp.Port,
                Security = settings.Smtp.Security,
                User = settings.Smtp.User,
                HasPassword = !string.IsNullOrEmpty(settings.Smtp.Password),
            },
            Mailboxes = [.. settings.Mailboxes.Select(m => new MailboxForm
            {
                Id = m.Key,
                Name = m.Name,
                Enabled = m.Enabled,
                Host = m.Host,
                Port = m.Port,
                Security = m.Security,
                User = m.User,
                HasPassword = !string.IsNullOrEmpty(m.Password),
                Folder = m.Folder,
                ProcessedFolder = m.ProcessedFolder,
            })],
        };
    }

    public async Task<Outcome<EmailSettingsForm>> SaveAsync(EmailSettingsForm form, Actor actor, CancellationToken cancellationToken)
    {
        form.Smtp ??= new SmtpForm();
        form.Mailboxes = [.. (form.Mailboxes ?? []).Where(m => m is not null)];
        form.OwnAddresses ??= [];
        var errors = Validate(form);
        if (errors.Count > 0)
        {
            return Outcome<EmailSettingsForm>.Invalid(errors);
        }
        var current = options.CurrentValue;
        var next = new EmailOptions
        {
            DeskAddress = Clean(form.DeskAddress),
            DeskName = Clean(form.DeskName),
            OwnAddresses = [.. (form.OwnAddresses ?? []).Select(Clean).Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)],
            MaxMessageBytes = (long)form.MaxMessageMegabytes * MegaByte,
            ReopenDays = form.ReopenDays,
            AcknowledgeNewTickets = form.AcknowledgeNewTickets,
            AcknowledgementsPerSenderPerHour = form.AcknowledgementsPerSenderPerHour,
            PollSeconds = form.PollSeconds,
            Smtp = ToSettings(form.Smtp, current.Smtp),
            Mailboxes = [.. form.Mailboxes.Select(m => ToSettings(m, current))],
        };
        var version = await store.SaveAsync(EmailOptions.Section, next, form.Version, actor.Name, cancellationToken);
        return version is null
            ? Outcome<EmailSettingsForm>.Fail(l["Settings.SavedByOther"])
            : Outcome<EmailSettingsForm>.Ok(Current());
    }

    /// <summary>Tries the SMTP server as typed in the form (unsaved), with the stored password when none is typed.</summary>
    public Task<MailConnectionTester.Result> TestSmtpAsync(SmtpForm form, CancellationToken cancellationToken) =>
        tester.SmtpAsync(ToSettings(form, options.CurrentValue.Smtp), cancellationToken);

    public Task<MailConnectionTester.Result> TestMailboxAsync(MailboxForm form, CancellationToken cancellationToken) =>
        tester.MailboxAsync(ToSettings(form, options.CurrentValue), cancellationToken);

    private static SmtpSettings ToSettings(SmtpForm form, SmtpSettings current) => new()
    {
        Host = Clean(form.Host),
        Port = form.Port,
        Security = form.Security,
        User = Clean(form.User),
        // A stored password only ever goes back to the server it was typed for: change the server or the user, type it again.
        Password = !string.IsNullOrEmpty(form.Password) ? form.Password
            : SameServer(form.Host, form.User, current.Host, current.User) ? current.Password : "",
        TimeoutSeconds = current.TimeoutSeconds,
    };

    private static MailboxSettings ToSettings(MailboxForm form, EmailOptions current)
    {
        var existing = form.Id is { Length: > 0 } id ? current.Mailboxes.FirstOrDefault(m => m.Key == id) : null;
        return new MailboxSettings
        {
            Id = existing?.Key ?? (string.IsNullOrEmpty(form.Id) ? Guid.NewGuid().ToString("N") : form.Id),
            Name = Clean(form.Name),
            Enabled = form.Enabled,
            Host = Clean(form.Host),
            Port = form.Port,
            Security = form.Security,
            User = Clean(form.User),
            Password = !string.IsNullOrEmpty(form.Password) ? form.Password
                : existing is not null && SameServer(form.Host, form.User, existing.Host, existing.User) ? existing.Password : "",
            Folder = Clean(form.Folder),
            ProcessedFolder = Clean(form.ProcessedFolder),
        };
    }

    private static string Clean(string? value) => (value ?? "").Trim();

    private static bool SameServer(string? host, string? user, string storedHost, string storedUser) =>
        string.Equals(Clean(host), storedHost, StringComparison.OrdinalIgnoreCase) && string.Equals(Clean(user), storedUser, StringComparison.OrdinalIgnoreCase);

    private Dictionary<string, string[]> Validate(EmailSettingsForm form)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        if (string.IsNullOrWhiteSpace(form.DeskAddress) || !EmailAddresses.IsValid(Clean(form.DeskAddress)))
        {
            Add("deskAddress", l["EmailSettings.DeskAddressInvalid"]);
        }
        if (Clean(form.DeskName) is { Length: 0 or > 100 })
        {
            Add("deskName", l["EmailSettings.DeskNameInvalid"]);
        }
        foreach (var address in (form.OwnAddresses ?? []).Select(Clean).Where(a => a.Length > 0 && !EmailAddresses.IsValid(a)))
        {
            Add("ownAddresses", l["EmailSettings.OwnAddressInvalid", address]);
        }
        Range("maxMessageMegabytes", form.MaxMessageMegabytes, 1, 512);
        Range("reopenDays", form.ReopenDays, 0, 365);
        Range("acknowledgementsPerSenderPerHour", form.AcknowledgementsPerSenderPerHour, 0, 1000);
        Range("pollSeconds", form.PollSeconds, 10, 3600);
        Server("smtp", form.Smtp.Host, form.Smtp.Port, required: false);

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < form.Mailboxes.Count; i++)
        {
            var mailbox = form.Mailboxes[i];
            var prefix = $"mailboxes[{i}]";
            if (string.IsNullOrWhiteSpace(mailbox.Name))
            {
                Add($"{prefix}.name", l["EmailSettings.MailboxNameRequired"]);
            }
            else if (!names.Add(Clean(mailbox.Name)))
            {
                Add($"{prefix}.name", l["EmailSettings.MailboxNameTaken", Clean(mailbox.Name)]);
            }
            Server(prefix, mailbox.Host, mailbox.Port, required: true);
            if (string.IsNullOrWhiteSpace(mailbox.User))
            {
                Add($"{prefix}.user", l["EmailSettings.UserRequired"]);
            }
            else if (mailbox.Enabled && string.IsNullOrEmpty(ToSettings(mailbox, options.CurrentValue).Password))
            {
                Add($"{prefix}.password", l["EmailSettings.PasswordRequired"]);
            }
            if (string.IsNullOrWhiteSpace(mailbox.Folder))
            {
                Add($"{prefix}.folder", l["EmailSettings.FolderRequired"]);
            }
            if (string.IsNullOrWhiteSpace(mailbox.ProcessedFolder))
            {
                Add($"{prefix}.processedFolder", l["EmailSettings.FolderRequired"]);
            }
            else if (string.Equals(Clean(mailbox.ProcessedFolder), Clean(mailbox.Folder), StringComparison.OrdinalIgnoreCase))
            {
                Add($"{prefix}.processedFolder", l["EmailSettings.SameFolder"]);
            }
        }
        return errors;

        void Range(string field, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                Add(field, l["EmailSettings.OutOfRange", min, max]);
            }
        }

        void Server(string prefix, string? host, int port, bool required)
        {
            var trimmed = host?.Trim() ?? "";
            if (trimmed.Length == 0)
            {
                if (required)
                {
                    Add($"{prefix}.host", l["EmailSettings.HostRequired"]);
                }
            }
            else if (Uri.CheckHostName(trimmed) == UriHostNameType.Unknown)
            {
                Add($"{prefix}.host", l["EmailSettings.HostInvalid", trimmed]);
            }
            if (port is < 1 or > 65535)
            {
                Add($"{prefix}.port", l["EmailSettings.OutOfRange", 1, 65535]);
            }
        }
    }
}

/// <summary>The email settings as shown and edited. Passwords go one way only: in, never out.</summary>
public sealed class EmailSettingsForm
{
    /// <summary>The stored version this form was read from (0: never saved from the UI); a save from an older version is refused.</summary>
    public int Version { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public string DeskAddress { get; set; } = "";
    public string DeskName { get; set; } = "";
    public List<string> OwnAddresses { get; set; } = [];
    public int MaxMessageMegabytes { get; set; } = 25;
    public int ReopenDays { get; set; } = 7;
    public bool AcknowledgeNewTickets { get; set; } = true;
    public int AcknowledgementsPerSenderPerHour { get; set; } = 3;
    public int PollSeconds { get; set; } = 60;
    public SmtpForm Smtp { get; set; } = new();
    public List<MailboxForm> Mailboxes { get; set; } = [];
}

public sealed class SmtpForm
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public MailSecurity Security { get; set; } = MailSecurity.Auto;
    public string User { get; set; } = "";

    /// <summary>Write only: empty keeps the stored password.</summary>
    public string? Password { get; set; }
    public bool HasPassword { get; set; }
}

public sealed class MailboxForm
{
    /// <summary>Which stored mailbox this is (keeps its password); empty for a new one.</summary>
    public string? Id { get; set; }
    public string Name { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public string Host { get; set; } = "";
    public int Port { get; set; } = 993;
    public MailSecurity Security { get; set; } = MailSecurity.Auto;
    public string User { get; set; } = "";

    /// <summary>Write only: empty keeps the stored password.</summary>
    public string? Password { get; set; }
    public bool HasPassword { get; set; }
    public string Folder { get; set; } = "INBOX";
    public string ProcessedFolder { get; set; } = "Processed";
}
