using Ayuda.Features.Notifications;

namespace Ayuda.Features.Incidents;

public static class IncidentsSetup
{
    public static IHostApplicationBuilder AddIncidents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StaffNotices>();
        builder.Services.AddSingleton<IncidentQueries>();
        builder.Services.AddSingleton<IncidentFollowUp>();
        builder.Services.AddSingleton<IncidentWork>();
        return builder;
    }
}
