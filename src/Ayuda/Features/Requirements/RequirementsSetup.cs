namespace Ayuda.Features.Requirements;

public static class RequirementsSetup
{
    public static IHostApplicationBuilder AddRequirements(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RequirementQueries>();
        builder.Services.AddSingleton<HandOverRequirement>();
        return builder;
    }
}
