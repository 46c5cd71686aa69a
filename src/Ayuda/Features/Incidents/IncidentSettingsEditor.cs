using Ayuda.Features.Settings;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Incidents;

/// <summary>The incident settings as the settings page and <c>/api/v1/settings/incidents</c> show and change them.</summary>
public sealed class IncidentSettingsEditor(IOptionsMonitor<IncidentOptions> options, SettingsStore store, IStringLocalizer<Strings> l)
{
    public sealed class Form
    {
        public int Version { get; set; }
        public List<IncidentState> AutoUpdateStates { get; set; } = [];
        public int ReminderBusinessDays { get; set; } = 5;
        public int StalledVersionUpdateDays { get; set; } = 10;
    }

    public Form Current()
    {
        var settings = options.CurrentValue;
        return new Form
        {
            Version = store.Find(IncidentOptions.Section)?.Version ?? 0,
            AutoUpdateStates = [.. settings.EffectiveAutoUpdateStates],
            ReminderBusinessDays = settings.ReminderBusinessDays,
            StalledVersionUpdateDays = settings.StalledVersionUpdateDays,
        };
    }

    public async Task<Outcome<Form>> SaveAsync(Form form, Actor actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (form.ReminderBusinessDays is < 1 or > 60)
        {
            errors["reminderBusinessDays"] = [l["EmailSettings.OutOfRange", 1, 60]];
        }
        if (form.StalledVersionUpdateDays is < 1 or > 365)
        {
            errors["stalledVersionUpdateDays"] = [l["EmailSettings.OutOfRange", 1, 365]];
        }
        if ((form.AutoUpdateStates ?? []).Any(s => !Enum.IsDefined(s)))
        {
            errors["autoUpdateStates"] = [l["Incidents.StateRequired"]];
        }
        if (errors.Count > 0)
        {
            return Outcome<Form>.Invalid(errors);
        }
        var next = new IncidentOptions
        {
            AutoUpdateStates = [.. (form.AutoUpdateStates ?? []).Distinct()],
            ReminderBusinessDays = form.ReminderBusinessDays,
            StalledVersionUpdateDays = form.StalledVersionUpdateDays,
        };
        return await store.SaveAsync(IncidentOptions.Section, next, form.Version, actor.Name, ct) is null
            ? Outcome<Form>.Fail(l["Settings.SavedByOther"])
            : Outcome<Form>.Ok(Current());
    }
}
