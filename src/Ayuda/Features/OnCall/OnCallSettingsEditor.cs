using System.Globalization;
using Ayuda.Features.Settings;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.OnCall;

/// <summary>The on-call settings (business hours, automatic assignment) as the settings page and <c>/api/v1/settings/oncall</c> show and change them.</summary>
public sealed class OnCallSettingsEditor(IOptionsMonitor<OnCallOptions> options, SettingsStore store, IStringLocalizer<Strings> l)
{
    public sealed class Form
    {
        public int Version { get; set; }
        public AutoAssignMode AutoAssign { get; set; }
        public List<DayOfWeek> BusinessDays { get; set; } = [];
        public string Opens { get; set; } = "09:00";
        public string Closes { get; set; } = "18:00";
    }

    public Form Current()
    {
        var settings = options.CurrentValue;
        return new Form
        {
            Version = store.Find(OnCallOptions.Section)?.Version ?? 0,
            AutoAssign = settings.AutoAssign,
            BusinessDays = [.. settings.EffectiveBusinessDays],
            Opens = OnCallQueries.Hhmm(settings.Opens),
            Closes = OnCallQueries.Hhmm(settings.Closes),
        };
    }

    public async Task<Outcome<Form>> SaveAsync(Form form, Actor actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(form.AutoAssign))
        {
            errors["autoAssign"] = [l["OnCall.AutoAssignRequired"]];
        }
        var opens = Parse(form.Opens, "opens", errors);
        var closes = Parse(form.Closes, "closes", errors);
        if (opens is { } o && closes is { } c && c != TimeOnly.MinValue && c <= o)
        {
            errors["closes"] = [l["OnCall.WindowEndsBeforeStart"]];
        }
        if ((form.BusinessDays ?? []).Any(d => !Enum.IsDefined(d)))
        {
            errors["businessDays"] = [l["OnCall.DayRequired"]];
        }
        if (errors.Count > 0)
        {
            return Outcome<Form>.Invalid(errors);
        }
        var next = new OnCallOptions
        {
            AutoAssign = form.AutoAssign,
            BusinessDays = [.. (form.BusinessDays ?? []).Distinct().Order()],
            Opens = opens!.Value,
            Closes = closes!.Value,
        };
        return await store.SaveAsync(OnCallOptions.Section, next, form.Version, actor.Name, ct) is null
            ? Outcome<Form>.Fail(l["Settings.SavedByOther"])
            : Outcome<Form>.Ok(Current());
    }

    private TimeOnly? Parse(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }
        errors[field] = [l["OnCall.TimeInvalid"]];
        return null;
    }
}
