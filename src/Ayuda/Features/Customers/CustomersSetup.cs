namespace Ayuda.Features.Customers;

public static class CustomersSetup
{
    public static IHostApplicationBuilder AddCustomers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CustomerQueries>();
        return builder;
    }
}
