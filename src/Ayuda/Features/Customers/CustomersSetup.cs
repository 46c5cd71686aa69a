namespace Ayuda.Features.Customers;

public static class CustomersSetup
{
    public static IHostApplicationBuilder AddCustomers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CustomerQueries>();
        builder.Services.AddSingleton<SaveCustomer>();
        builder.Services.AddSingleton<SaveContact>();
        builder.Services.AddSingleton<SaveAgreement>();
        return builder;
    }
}
