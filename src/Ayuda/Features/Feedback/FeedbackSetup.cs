namespace Ayuda.Features.Feedback;

public static class FeedbackSetup
{
    public static IHostApplicationBuilder AddFeedback(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FeedbackQueries>();
        builder.Services.AddSingleton<FeedbackAcknowledgements>();
        builder.Services.AddSingleton<FeedbackWork>();
        return builder;
    }
}
