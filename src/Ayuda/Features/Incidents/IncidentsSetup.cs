using Ayuda.Features.Notifications;

namespace Ayuda.Features.Incidents;

public static class IncidentsSetup
{
    public static IHostApplicationBuilder AddIncidents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IncidentOptions>().BindConfiguration(IncidentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<StaffNotices>();
        builder.Services.AddSingleton<CustomerUpdates>();
        builder.Services.AddSingleton<IncidentReminders>();
        builder.Services.AddSingleton<IncidentQueries>();
        builder.Services.AddSingleton<IncidentFollowUp>();
        builder.Services.AddSingleton<IncidentWork>();
        builder.Services.AddSingleton<VersionUpdates>();
        return builder;
    }
}
