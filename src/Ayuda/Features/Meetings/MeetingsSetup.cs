using Ayuda.Features.Settings;

namespace Ayuda.Features.Meetings;

public static class MeetingsSetup
{
    public static IHostApplicationBuilder AddMeetings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MeetingOptions>().BindConfiguration(MeetingOptions.Section).StoredInDatabase(MeetingOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MeetingInvitations>();
        builder.Services.AddSingleton<MeetingPlanner>();
        builder.Services.AddSingleton<MeetingQueries>();
        builder.Services.AddSingleton<MeetingWork>();
        return builder;
    }
}
