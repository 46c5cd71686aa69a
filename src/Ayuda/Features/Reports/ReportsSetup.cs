namespace Ayuda.Features.Reports;

public static class ReportsSetup
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TicketReports>();
        return builder;
    }
}
