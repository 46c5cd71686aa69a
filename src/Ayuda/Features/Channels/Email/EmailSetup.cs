using Ayuda.Features.Notifications;
using Ayuda.Features.Settings;

namespace Ayuda.Features.Channels.Email;

public static class EmailSetup
{
    public static IHostApplicationBuilder AddEmail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).StoredInDatabase(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<EmailComposer>();
        builder.Services.AddSingleton<EmailImporter>();
        builder.Services.AddSingleton<SmtpMailSender>();
        builder.Services.AddSingleton<IOutboxChannel>(sp => sp.GetRequiredService<SmtpMailSender>());
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Data.WorkerOptions>, LeaseOutlastsSends>();
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<RetryDelivery>();
        builder.Services.AddSingleton<QuarantineQueries>();
        builder.Services.AddSingleton<MailConnectionTester>();
        builder.Services.AddSingleton<EmailSettingsEditor>();
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        builder.Services.AddSingleton<MailboxStatuses>();
        builder.Services.AddHostedService<ImapPoller>();
        return builder;
    }
}
