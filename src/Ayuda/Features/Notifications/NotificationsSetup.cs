namespace Ayuda.Features.Notifications;

public static class NotificationsSetup
{
    /// <summary>Telling staff: the bell's notices and the alerts that add an email to them.</summary>
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StaffNotices>();
        builder.Services.AddSingleton<StaffAlerts>();
        return builder;
    }
}
