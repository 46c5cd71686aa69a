using Ayuda.Features.Settings;

namespace Ayuda.Features.Closing;

public static class ClosingSetup
{
    public static IHostApplicationBuilder AddClosing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClosingOptions>().BindConfiguration(ClosingOptions.Section).StoredInDatabase(ClosingOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ClosingFollowUp>();
        builder.Services.AddSingleton<ResolveAndNotify>();
        builder.Services.AddSingleton<ClosingQueries>();
        return builder;
    }
}
