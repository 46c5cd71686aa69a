using Ayuda.Data;
using Ayuda.Features.Customers;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Demo;

/// <summary>
/// <c>--demo</c>: a believable desk in Spanish (staff in every role, customers with and without an agreement in force).
/// Idempotent: staff are matched by email and customers by CUIT, so running it again adds nothing twice.
/// Every name here is invented.
/// </summary>
internal sealed class DemoData(
    IDbContextFactory<AyudaDb> contexts,
    CreateStaffUser createStaff,
    CustomerQueries customers,
    DemoDesk demoDesk,
    TimeProvider clock,
    IOptions<DemoOptions> options,
    ILogger<DemoData> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        var staffAdded = await SeedStaffAsync(cancellationToken);
        var customersAdded = await SeedCustomersAsync(cancellationToken);
        await SeedDeskAsync(cancellationToken);
        logger.LogInformation("Demo data: {Staff} staff and {Customers} customers added", staffAdded, customersAdded);
        if (staffAdded > 0)
        {
            Console.WriteLine($"  Demo: staff users share the password '{options.Value.Password}' (e.g. {DemoStaff[0].Email}).");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static readonly (string Email, string Name, string[] Roles)[] DemoStaff =
    [
        ("lucia.fernandez@ayuda.demo", "Lucía Fernández", [Roles.Administration]),
        ("martin.sosa@ayuda.demo", "Martín Sosa", [Roles.Administration]),
        ("carolina.ibarra@ayuda.demo", "Carolina Ibarra", [Roles.HeadOfImplementation, Roles.Consultant]),
        ("diego.ramirez@ayuda.demo", "Diego Ramírez", [Roles.Consultant]),
        ("florencia.acosta@ayuda.demo", "Florencia Acosta", [Roles.Consultant]),
        ("javier.molina@ayuda.demo", "Javier Molina", [Roles.Consultant]),
        ("paula.quiroga@ayuda.demo", "Paula Quiroga", [Roles.ProjectManager]),
        ("ricardo.benitez@ayuda.demo", "Ricardo Benítez", [Roles.RnDManager]),
        ("sistemas@ayuda.demo", "Mesa de Sistemas", [Roles.SystemAdmin]),
    ];

    /// <summary>Name, first ten CUIT digits, and the agreement: months from today it started and ends, and its status (null: none).</summary>
    internal static readonly (string Name, string TaxIdPrefix, int? StartMonths, int EndMonths, AgreementStatus Status)[] DemoCustomers =
    [
        ("Cooperativa Agrícola Los Talas", "3050012345", -14, 10, AgreementStatus.Active),
        ("Frigorífico del Litoral S.A.", "3060023456", -6, 18, AgreementStatus.Active),
        ("Municipalidad de Villa Serrana", "3069934567", -30, 6, AgreementStatus.Active),
        ("Distribuidora Pampa Norte S.R.L.", "3071045678", -11, 1, AgreementStatus.Active),
        ("Clínica San Gabriel", "3071156789", -23, 0, AgreementStatus.Active),
        ("Transportes Andinos S.A.", "3071267890", -2, 22, AgreementStatus.Active),
        ("Bodega Cerro Colorado", "3071378901", -8, 4, AgreementStatus.Active),
        ("Colegio Nuestra Señora del Valle", "3071489013", -18, 6, AgreementStatus.Active),
        ("Metalúrgica Río Segundo S.A.", "3071590123", -26, -2, AgreementStatus.Active),
        ("Farmacias Del Centro S.R.L.", "3071601234", -12, 12, AgreementStatus.Suspended),
        ("Hotel Patagonia Austral", "3071712345", -40, -16, AgreementStatus.Active),
        ("Consorcio Portuario Bahía Blanca", "3071823456", -5, 7, AgreementStatus.Active),
        ("Laboratorio Biofarma Sur", "3071934567", -9, 15, AgreementStatus.Cancelled),
        ("Supermercados La Estancia", "3072045678", -3, 9, AgreementStatus.Active),
        ("Estudio Contable Pereyra & Asoc.", "2028456789", null, 0, AgreementStatus.Active),
        ("Cooperativa Eléctrica de Tandil", "3072167891", -20, 4, AgreementStatus.Active),
        ("Textil Norpatagónica S.A.", "3072278901", -13, -1, AgreementStatus.Active),
        ("Universidad Tecnológica del Oeste", "3072389012", -7, 17, AgreementStatus.Active),
        ("Logística Mesopotamia S.R.L.", "3072490123", null, 0, AgreementStatus.Active),
        ("Aceitera General Deheza Sur", "3072501234", -1, 11, AgreementStatus.Active),
        ("Centro Médico Alto Valle", "3072612345", -4, 8, AgreementStatus.Suspended),
    ];

    private async Task<int> SeedStaffAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.Users.Select(u => u.NormalizedEmail).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var (email, name, roles) in DemoStaff)
        {
            if (existing.Contains(email.ToUpperInvariant()))
            {
                continue;
            }
            var outcome = await createStaff.ExecuteAsync(new NewStaffUser(email, name, options.Value.Password, roles), cancellationToken);
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"Demo staff {email} could not be created: {string.Join(" ", outcome.Messages)}");
            }
            added++;
        }
        return added;
    }

    private async Task SeedDeskAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var people = await db.Users.Where(u => u.Email == DemoStaff[0].Email || u.Email == DemoStaff[2].Email || u.Email == DemoStaff[3].Email)
            .Select(u => new { u.Id, u.Email, u.DisplayName }).ToListAsync(cancellationToken);
        var administration = people.First(p => p.Email == DemoStaff[0].Email);
        var head = people.First(p => p.Email == DemoStaff[2].Email);
        var consultant = people.First(p => p.Email == DemoStaff[3].Email);
        await demoDesk.SeedAsync(new(administration.Id, administration.DisplayName), new(consultant.Id, consultant.DisplayName),
            new(head.Id, head.DisplayName), cancellationToken);
    }

    private async Task<int> SeedCustomersAsync(CancellationToken cancellationToken)
    {
        var today = customers.Today;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = (await db.Customers.Select(c => c.TaxId).ToListAsync(cancellationToken)).ToHashSet();
        var added = 0;
        foreach (var (name, prefix, startMonths, endMonths, status) in DemoCustomers)
        {
            var taxId = Cuit.Complete(prefix) ?? throw new InvalidOperationException($"Demo CUIT prefix {prefix} has no check digit.");
            if (existing.Contains(taxId))
            {
                continue;
            }
            var customer = new Customer(name, taxId, clock.GetUtcNow());
            if (startMonths is { } start)
            {
                // An agreement ending "0 months" from now ends in ten days: it shows as expiring soon.
                var endsOn = endMonths == 0 ? today.AddDays(10) : today.AddMonths(endMonths);
                customer.Agreements.Add(new SupportAgreement(today.AddMonths(start), endsOn, status));
            }
            db.Customers.Add(customer);
            added++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return added;
    }
}

/// <summary>Settings under <c>Ayuda:Demo</c>; <c>--demo</c> on the command line sets <c>Enabled</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "Ayuda:Demo";
    public bool Enabled { get; set; }
    public string Password { get; set; } = "Demo-Ayuda-2026";
}

public static class DemoSetup
{
    public static IHostApplicationBuilder AddDemoData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        builder.Services.AddSingleton<DemoDesk>();
        builder.Services.AddHostedService<DemoData>();
        return builder;
    }
}
