namespace Ayuda.Features.Templates;

public static class TemplatesSetup
{
    public static IHostApplicationBuilder AddTemplates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TemplateEngine>();
        builder.Services.AddSingleton<TemplateEditor>();
        return builder;
    }
}
