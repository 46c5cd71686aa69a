namespace Ayuda.Features.Procedures;

public static class ProceduresSetup
{
    public static IHostApplicationBuilder AddProcedures(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProcedureQueries>();
        builder.Services.AddSingleton<ProcedureWork>();
        builder.Services.AddHostedService<ProcedureSeed>();
        return builder;
    }
}
