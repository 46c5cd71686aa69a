namespace Ayuda.Features.Consultations;

public static class ConsultationsSetup
{
    public static IHostApplicationBuilder AddConsultations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConsultationQueries>();
        builder.Services.AddSingleton<ConsultTicket>();
        return builder;
    }
}
