namespace Ayuda.Features.Channels.Phone;

public static class PhoneSetup
{
    public static IHostApplicationBuilder AddPhone(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CallNotices>();
        builder.Services.AddSingleton<CallQueries>();
        builder.Services.AddSingleton<PhoneEvents>();
        builder.Services.AddSingleton<CallBacks>();
        return builder;
    }
}
