using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Data;
using Ayuda.Features.Customers;

namespace Ayuda.Tests.Support;

/// <summary>
/// One running Ayuda per test class with its staff signed in: Ana (Administration), Diego and Lucía (Consultants),
/// Marta (Head of Implementation) and Pablo (Project Manager). Each test makes its own customers (fresh CUITs,
/// phones and domains), so tests of a class share the host without seeing each other's data by accident.
/// </summary>
public abstract class Desk(DatabaseProvider provider, PostgresServer? postgres) : IAsyncLifetime
{
    public const string Password = "Mesa-de-Ayuda-2026";
    private static int s_next = 1000;
    private static readonly TimeZoneInfo BuenosAires = TimeZoneInfo.FindSystemTimeZoneById("America/Argentina/Buenos_Aires");

    public AyudaApp App { get; } = new(provider, postgres);
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Administration { get; private set; } = null!;
    public HttpClient Consultant { get; private set; } = null!;
    public HttpClient SecondConsultant { get; private set; } = null!;
    public HttpClient Head { get; private set; } = null!;
    public HttpClient ProjectManager { get; private set; } = null!;
    public Dictionary<string, string> UserIds { get; } = [];

    /// <summary>The desk's date now (the host runs on the real clock).</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, BuenosAires).DateTime);

    public static int Next() => Interlocked.Increment(ref s_next);

    /// <summary>A valid CUIT never used before in this run.</summary>
    public static string NewCuit()
    {
        while (true)
        {
            if (Cuit.Complete($"30{71_000_000 + Next():D8}") is { } cuit)
            {
                return cuit;
            }
        }
    }

    /// <summary>A Buenos Aires landline never used before in this run, typed as people type it ("011 4xxx-xxxx").</summary>
    public static string NewPhone()
    {
        var digits = (Next() % 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        return $"011 4{digits[..3]}-{digits[3..]}";
    }

    public static string E164(string typed) => Phones.Normalise(typed)!;

    public async ValueTask InitializeAsync()
    {
        Admin = await App.AdminClientAsync();
        Administration = await StaffAsync("ana", "Ana Administración", "Administration");
        Consultant = await StaffAsync("diego", "Diego Consultor", "Consultant");
        SecondConsultant = await StaffAsync("lucia", "Lucía Consultora", "Consultant");
        Head = await StaffAsync("marta", "Marta Jefa", "HeadOfImplementation");
        ProjectManager = await StaffAsync("pablo", "Pablo Gerente", "ProjectManager");
    }

    /// <summary>Creates a staff user through the admin API and returns a client signed in as them.</summary>
    public async Task<HttpClient> StaffAsync(string login, string name, params string[] roles)
    {
        var email = $"{login}@ayuda.test";
        var created = await Api.Json(await Admin.PostAsJsonAsync("/api/v1/staff", new { email, name, password = Password, roles }), HttpStatusCode.Created);
        UserIds[login] = created.GetProperty("id").GetString()!;
        return await App.ClientForAsync(email, Password);
    }

    /// <summary>A customer created by Administration, with a phone and an email domain of its own.</summary>
    public async Task<Customer> CustomerAsync(string name, string? phone = null, string? domain = null)
    {
        var n = Next();
        phone ??= NewPhone();
        domain ??= $"cliente{n}.com.ar";
        var body = new { name, taxId = NewCuit(), phones = new[] { new { number = phone, label = "Central" } }, emailDomains = new[] { domain } };
        var json = await Api.Json(await Administration.PostAsJsonAsync("/api/v1/customers", body), HttpStatusCode.Created);
        return new Customer(json.GetProperty("id").GetInt32(), name, json.GetProperty("taxId").GetString()!, phone, domain);
    }

    /// <summary>A contact with an email at the customer's domain and a mobile of their own.</summary>
    public async Task<Contact> ContactAsync(Customer customer, string name)
    {
        var email = $"persona{Next()}@{customer.Domain}";
        var phone = NewPhone();
        var body = new { name, emails = new[] { email }, phones = new[] { new { number = phone, whatsApp = true } } };
        var json = await Api.Json(await Administration.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/contacts", body), HttpStatusCode.Created);
        return new Contact(json.GetProperty("id").GetInt32(), name, email, phone);
    }

    /// <summary>The Project Manager records an agreement, dates relative to the desk's today.</summary>
    public async Task AgreementAsync(Customer customer, int fromDays, int toDays, string status = "active")
    {
        var body = new { start = Today.AddDays(fromDays), end = Today.AddDays(toDays), status };
        await Api.Json(await ProjectManager.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/agreements", body), HttpStatusCode.Created);
    }

    public async Task<Customer> CustomerInForceAsync(string name)
    {
        var customer = await CustomerAsync(name);
        await AgreementAsync(customer, -100, 265);
        return customer;
    }

    public async Task<Customer> CustomerExpiredAsync(string name)
    {
        var customer = await CustomerAsync(name);
        await AgreementAsync(customer, -400, -10);
        return customer;
    }

    /// <summary>Administration logs a contact; the ticket as the API returns it.</summary>
    public async Task<JsonElement> IntakeAsync(object body) =>
        await Api.Json(await Administration.PostAsJsonAsync("/api/v1/intake", body), HttpStatusCode.Created);

    public Task<JsonElement> IntakeAsync(Customer customer, string subject = "No emite facturas") =>
        IntakeAsync(new { channel = "phone", customerId = customer.Id, subject, description = "Desde la actualización de ayer" });

    public async Task<List<JsonElement>> TimelineAsync(string number) =>
        [.. (await Api.Json(await Consultant.GetAsync($"/api/v1/tickets/{number}/timeline"), HttpStatusCode.OK)).EnumerateArray()];

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed record Customer(int Id, string Name, string TaxId, string Phone, string Domain);

public sealed record Contact(int Id, string Name, string Email, string Phone);

public sealed class SqliteDesk() : Desk(DatabaseProvider.Sqlite, null);

public sealed class PostgresDesk(PostgresServer postgres) : Desk(DatabaseProvider.Postgres, postgres);
