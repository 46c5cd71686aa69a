using Ayuda.Features.Settings;

namespace Ayuda.Features.OnCall;

public static class OnCallSetup
{
    public static IHostApplicationBuilder AddOnCall(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OnCallOptions>().BindConfiguration(OnCallOptions.Section).StoredInDatabase(OnCallOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<OnCallQueries>();
        builder.Services.AddSingleton<RotationWork>();
        builder.Services.AddSingleton<HolidayWork>();
        builder.Services.AddSingleton<OnCallRouting>();
        builder.Services.AddSingleton<OnCallFeed>();
        builder.Services.AddSingleton<OnCallSettingsEditor>();
        return builder;
    }
}
