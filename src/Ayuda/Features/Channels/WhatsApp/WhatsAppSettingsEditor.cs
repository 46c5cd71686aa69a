using System.Text.RegularExpressions;
using Ayuda.Data;
using Ayuda.Features.Notifications;
using Ayuda.Features.Settings;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Channels.WhatsApp;

/// <summary>
/// The WhatsApp settings as the settings page and <c>/api/v1/settings/whatsapp</c> show and change them. Secrets (access
/// token, app secret, verify token) go one way: typed in, stored encrypted, never shown; empty keeps the stored one.
/// Saving wakes the WhatsApp messages waiting in the outbox (a new token lets them go at once).
/// </summary>
public sealed partial class WhatsAppSettingsEditor(
    IOptionsMonitor<WhatsAppOptions> options,
    SettingsStore store,
    GraphApi graph,
    IDbContextFactory<AyudaDb> contexts,
    OutboxSignal outbox,
    ChannelAlerts alerts,
    TimeProvider clock,
    IStringLocalizer<Strings> l)
{
    public WhatsAppSettingsForm Current()
    {
        var settings = options.CurrentValue;
        var stored = store.Find(WhatsAppOptions.Section);
        return new WhatsAppSettingsForm
        {
            Version = stored?.Version ?? 0,
            UpdatedAt = stored?.UpdatedAt,
            UpdatedBy = stored?.UpdatedBy,
            GraphBaseUrl = settings.GraphBaseUrl,
            GraphVersion = settings.GraphVersion,
            JoinWindowHours = settings.JoinWindowHours,
            AcknowledgeNewTickets = settings.AcknowledgeNewTickets,
            Numbers = [.. settings.Numbers.Select(n => new WhatsAppNumberForm
            {
                Key = n.PhoneNumberId,
                Name = n.Name,
                Enabled = n.Enabled,
                PhoneNumberId = n.PhoneNumberId,
                DisplayNumber = n.DisplayNumber,
                HasAccessToken = n.AccessToken.Length > 0,
                HasAppSecret = n.AppSecret.Length > 0,
                HasVerifyToken = n.VerifyToken.Length > 0,
            })],
            Templates = [.. settings.Templates.Select(t => new WhatsAppTemplateForm { Kind = t.Kind, Name = t.Name, Language = t.Language, Parameters = [.. t.Parameters] })],
        };
    }

    public async Task<Outcome<WhatsAppSettingsForm>> SaveAsync(WhatsAppSettingsForm form, Actor actor, CancellationToken cancellationToken)
    {
        form.Numbers = [.. (form.Numbers ?? []).Where(n => n is not null)];
        form.Templates = [.. (form.Templates ?? []).Where(t => t is not null)];
        var current = options.CurrentValue;
        // Stored tokens only ever go to the Graph API address they were typed for.
        var sameGraph = string.Equals(Clean(form.GraphBaseUrl).TrimEnd('/'), current.GraphBaseUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
        var numbers = form.Numbers.Select(n => ToSettings(n, current, sameGraph)).ToList();
        var errors = Validate(form, numbers);
        if (errors.Count > 0)
        {
            return Outcome<WhatsAppSettingsForm>.Invalid(errors);
        }
        var next = new WhatsAppOptions
        {
            GraphBaseUrl = Clean(form.GraphBaseUrl).TrimEnd('/'),
            GraphVersion = Clean(form.GraphVersion),
            JoinWindowHours = form.JoinWindowHours,
            AcknowledgeNewTickets = form.AcknowledgeNewTickets,
            Numbers = numbers,
            Templates = [.. form.Templates.Select(t => new WhatsAppTemplate
            {
                Kind = t.Kind,
                Name = Clean(t.Name),
                Language = Clean(t.Language),
                Parameters = [.. (t.Parameters ?? []).Select(Clean).Where(p => p.Length > 0)],
            })],
        };
        var version = await store.SaveAsync(WhatsAppOptions.Section, next, form.Version, actor.Name, cancellationToken);
        if (version is null)
        {
            return Outcome<WhatsAppSettingsForm>.Fail(l["Settings.SavedByOther"]);
        }
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var now = clock.GetUtcNow();
            await db.Outbox.Where(o => o.Channel == Channel.WhatsApp && o.State == OutboxState.Queued && o.NextAttemptAt > now)
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.NextAttemptAt, now), cancellationToken);
        }
        outbox.Notify();
        if (next.Template(OutboxKind.Reply) is not null)
        {
            // With a reply template, writing outside the 24-hour window works again: those warnings are answered.
            foreach (var number in next.Numbers)
            {
                await alerts.ClearAsync(Channel.WhatsApp, number.PhoneNumberId, [WhatsAppSender.ReEngagementCode], cancellationToken);
            }
        }
        return Outcome<WhatsAppSettingsForm>.Ok(Current());
    }

    /// <summary>Asks Meta about the number with its token (typed, or the stored one): the name and quality Meta reports.</summary>
    public async Task<Email.MailConnectionTester.Result> TestAsync(WhatsAppNumberForm form, CancellationToken cancellationToken)
    {
        var number = ToSettings(form, options.CurrentValue, keepSecrets: true);
        if (!DigitsPattern().IsMatch(number.PhoneNumberId) || number.AccessToken.Length == 0)
        {
            return new(false, l["WhatsAppSettings.TestNeedsIdAndToken"]);
        }
        try
        {
            var answer = await graph.NumberAsync(number, cancellationToken);
            return new(true, l["WhatsAppSettings.TestOk", WhatsAppMessageReader.Str(answer, "verified_name") ?? "?",
                WhatsAppMessageReader.Str(answer, "display_phone_number") ?? "?", WhatsAppMessageReader.Str(answer, "quality_rating") ?? "?"]);
        }
        catch (GraphApiException e) when (e.IsTokenProblem)
        {
            return new(false, l["WhatsAppSettings.TestToken", e.Message]);
        }
        catch (GraphApiException e)
        {
            return new(false, l["WhatsApp.Refused", e.Code, e.Message]);
        }
        catch (HttpRequestException e)
        {
            return new(false, l["WhatsAppSettings.TestUnreachable", options.CurrentValue.GraphBaseUrl, e.Message]);
        }
    }

    private static WhatsAppNumber ToSettings(WhatsAppNumberForm form, WhatsAppOptions current, bool keepSecrets)
    {
        var key = string.IsNullOrEmpty(form.Key) ? Clean(form.PhoneNumberId) : form.Key;
        var existing = keepSecrets ? current.Numbers.FirstOrDefault(n => n.PhoneNumberId == key) : null;
        return new WhatsAppNumber
        {
            Name = Clean(form.Name),
            Enabled = form.Enabled,
            PhoneNumberId = Clean(form.PhoneNumberId),
            DisplayNumber = Clean(form.DisplayNumber),
            AccessToken = string.IsNullOrEmpty(form.AccessToken) ? existing?.AccessToken ?? "" : form.AccessToken.Trim(),
            AppSecret = string.IsNullOrEmpty(form.AppSecret) ? existing?.AppSecret ?? "" : form.AppSecret.Trim(),
            VerifyToken = string.IsNullOrEmpty(form.VerifyToken) ? existing?.VerifyToken ?? "" : form.VerifyToken.Trim(),
        };
    }

    private static string Clean(string? value) => (value ?? "").Trim();

    private Dictionary<string, string[]> Validate(WhatsAppSettingsForm form, List<WhatsAppNumber> numbers)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        // https, except a stand-in on this machine.
        if (!Uri.TryCreate(Clean(form.GraphBaseUrl), UriKind.Absolute, out var url) || !(url.Scheme == "https" || (url.Scheme == "http" && url.IsLoopback)))
        {
            Add("graphBaseUrl", l["WhatsAppSettings.UrlInvalid"]);
        }
        if (!VersionPattern().IsMatch(Clean(form.GraphVersion)))
        {
            Add("graphVersion", l["WhatsAppSettings.VersionInvalid"]);
        }
        if (form.JoinWindowHours is < 1 or > 24 * 60)
        {
            Add("joinWindowHours", l["EmailSettings.OutOfRange", 1, 24 * 60]);
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < numbers.Count; i++)
        {
            var number = numbers[i];
            var prefix = $"numbers[{i}]";
            if (!DigitsPattern().IsMatch(number.PhoneNumberId))
            {
                Add($"{prefix}.phoneNumberId", l["WhatsAppSettings.IdInvalid"]);
            }
            else if (!ids.Add(number.PhoneNumberId))
            {
                Add($"{prefix}.phoneNumberId", l["WhatsAppSettings.IdTaken", number.PhoneNumberId]);
            }
            if (number.Enabled && number.AccessToken.Length == 0)
            {
                Add($"{prefix}.accessToken", l["WhatsAppSettings.SecretRequired"]);
            }
            if (number.Enabled && number.AppSecret.Length == 0)
            {
                Add($"{prefix}.appSecret", l["WhatsAppSettings.SecretRequired"]);
            }
            if (number.Enabled && number.VerifyToken.Length == 0)
            {
                Add($"{prefix}.verifyToken", l["WhatsAppSettings.SecretRequired"]);
            }
        }
        var kinds = new HashSet<OutboxKind>();
        for (var i = 0; i < form.Templates.Count; i++)
        {
            var template = form.Templates[i];
            var prefix = $"templates[{i}]";
            if (!Enum.IsDefined(template.Kind) || !kinds.Add(template.Kind))
            {
                Add($"{prefix}.kind", l["WhatsAppSettings.KindTaken"]);
            }
            if (!TemplateNamePattern().IsMatch(Clean(template.Name)))
            {
                Add($"{prefix}.name", l["WhatsAppSettings.TemplateNameInvalid"]);
            }
            if (!LanguagePattern().IsMatch(Clean(template.Language)))
            {
                Add($"{prefix}.language", l["WhatsAppSettings.LanguageInvalid"]);
            }
            foreach (var field in (template.Parameters ?? []).Select(Clean).Where(p => p.Length > 0 && !WhatsAppTemplate.Fields.Contains(p)))
            {
                Add($"{prefix}.parameters", l["WhatsAppSettings.FieldUnknown", field, string.Join(", ", WhatsAppTemplate.Fields)]);
            }
        }
        return errors;
    }

    [GeneratedRegex(@"^v\d+\.\d+$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^\d{5,30}$")]
    private static partial Regex DigitsPattern();

    [GeneratedRegex(@"^[a-z0-9_]{1,512}$")]
    private static partial Regex TemplateNamePattern();

    [GeneratedRegex(@"^[a-z]{2,3}(_[A-Z]{2})?$")]
    private static partial Regex LanguagePattern();
}

public sealed class WhatsAppSettingsForm
{
    public int Version { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public string GraphBaseUrl { get; set; } = "https://graph.facebook.com";
    public string GraphVersion { get; set; } = "v23.0";
    public int JoinWindowHours { get; set; } = 72;
    public bool AcknowledgeNewTickets { get; set; } = true;
    public List<WhatsAppNumberForm> Numbers { get; set; } = [];
    public List<WhatsAppTemplateForm> Templates { get; set; } = [];
}

public sealed class WhatsAppNumberForm
{
    /// <summary>The phone-number id this entry was read with (keeps its secrets if the id is changed); empty for a new one.</summary>
    public string? Key { get; set; }
    public string Name { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public string PhoneNumberId { get; set; } = "";
    public string DisplayNumber { get; set; } = "";

    /// <summary>Write only: empty keeps the stored one.</summary>
    public string? AccessToken { get; set; }
    public string? AppSecret { get; set; }
    public string? VerifyToken { get; set; }
    public bool HasAccessToken { get; set; }
    public bool HasAppSecret { get; set; }
    public bool HasVerifyToken { get; set; }
}

public sealed class WhatsAppTemplateForm
{
    public OutboxKind Kind { get; set; }
    public string Name { get; set; } = "";
    public string Language { get; set; } = "es_AR";
    public List<string> Parameters { get; set; } = [];
}
