namespace Ayuda.Features.Supervision;

public static class SupervisionSetup
{
    public static IHostApplicationBuilder AddSupervision(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SupervisionQueries>();
        return builder;
    }
}
