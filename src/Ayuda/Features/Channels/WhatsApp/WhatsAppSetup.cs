using Ayuda.Features.Notifications;
using Ayuda.Features.Settings;

namespace Ayuda.Features.Channels.WhatsApp;

public static class WhatsAppSetup
{
    public static IHostApplicationBuilder AddWhatsApp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WhatsAppOptions>().BindConfiguration(WhatsAppOptions.Section).StoredInDatabase(WhatsAppOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient(GraphApi.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.AddSingleton<GraphApi>();
        builder.Services.AddSingleton<ChannelAlerts>();
        builder.Services.AddSingleton<WhatsAppMessageReader>();
        builder.Services.AddSingleton<WhatsAppComposer>();
        builder.Services.AddSingleton<WhatsAppSignal>();
        builder.Services.AddSingleton<WhatsAppInbox>();
        builder.Services.AddSingleton<WhatsAppSender>();
        builder.Services.AddSingleton<IOutboxChannel>(sp => sp.GetRequiredService<WhatsAppSender>());
        builder.Services.AddSingleton<WhatsAppSettingsEditor>();
        builder.Services.AddHostedService<WhatsAppImporter>();
        return builder;
    }
}
