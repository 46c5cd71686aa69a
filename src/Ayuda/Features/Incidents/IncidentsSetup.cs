using Ayuda.Features.Notifications;
using Ayuda.Features.Settings;

namespace Ayuda.Features.Incidents;

public static class IncidentsSetup
{
    public static IHostApplicationBuilder AddIncidents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IncidentOptions>().BindConfiguration(IncidentOptions.Section).StoredInDatabase(IncidentOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CustomerUpdates>();
        builder.Services.AddSingleton<IncidentReminders>();
        builder.Services.AddSingleton<IncidentQueries>();
        builder.Services.AddSingleton<IncidentFollowUp>();
        builder.Services.AddSingleton<IncidentWork>();
        builder.Services.AddSingleton<VersionUpdates>();
        builder.Services.AddSingleton<IncidentSettingsEditor>();
        return builder;
    }
}
