using Ayuda.Features.Intake;

namespace Ayuda.Features.Tickets;

public static class TicketsSetup
{
    public static IHostApplicationBuilder AddTickets(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TicketQueries>();
        builder.Services.AddSingleton<TicketChanges>();
        builder.Services.AddSingleton<TakeTicket>();
        builder.Services.AddSingleton<AssignTicket>();
        builder.Services.AddSingleton<ClassifyTicket>();
        builder.Services.AddSingleton<AddTicketNote>();
        builder.Services.AddSingleton<ReplyToCustomer>();
        builder.Services.AddSingleton<ResolveTicket>();
        builder.Services.AddSingleton<ReceiveContact>();
        builder.Services.AddSingleton<TriageAndRegularisation>();
        builder.Services.AddSingleton<RegularisationNotice>();
        return builder;
    }
}
