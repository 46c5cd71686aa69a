namespace Ayuda.Features.Templates;

public static class TemplatesSetup
{
    public static IHostApplicationBuilder AddTemplates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TemplateEngine>();
        return builder;
    }
}
