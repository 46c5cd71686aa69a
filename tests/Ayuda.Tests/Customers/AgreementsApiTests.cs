using System.Net;
using System.Net.Http.Json;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Customers;

/// <summary>Only the Project Manager records agreements; the badge and the expiring list follow from them.</summary>
public abstract class AgreementsApiTests(Desk desk)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Project_manager_records_an_agreement_and_the_customer_shows_in_force_until_its_end()
    {
        var customer = await desk.CustomerAsync("Clínica San Martín");
        var start = Desk.Today.AddDays(-30);
        var end = Desk.Today.AddDays(335);
        var response = await desk.ProjectManager.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/agreements",
            new { start = start.ToString("yyyy-MM-dd"), end = end.ToString("yyyy-MM-dd"), status = "active" }, Ct);
        var agreement = await Api.Json(response, HttpStatusCode.Created);
        Assert.True(agreement.GetProperty("inForce").GetBoolean());
        Assert.Equal("active", agreement.Str("status"));

        var detail = await Api.Json(await desk.Administration.GetAsync($"/api/v1/customers/{customer.Id}", Ct), HttpStatusCode.OK);
        Assert.Equal("inForce", detail.GetProperty("agreement").Str("kind"));
        Assert.Equal(end.ToString("yyyy-MM-dd"), detail.GetProperty("agreement").Str("date"));
    }

    [Fact]
    public async Task The_example_agreement_for_2026_is_recorded_as_sent()
    {
        var customer = await desk.CustomerAsync("Hotel Bariloche");
        var response = await desk.ProjectManager.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/agreements",
            new { start = "2026-01-01", end = "2026-12-31", status = "active" }, Ct);
        var agreement = await Api.Json(response, HttpStatusCode.Created);
        Assert.Equal(("2026-01-01", "2026-12-31"), (agreement.Str("start"), agreement.Str("end")));
    }

    [Fact]
    public async Task Administration_and_consultants_cannot_record_agreements()
    {
        var customer = await desk.CustomerAsync("Farmacia Centro");
        var body = new { start = "2026-01-01", end = "2026-12-31", status = "active" };
        await Api.Problem(await desk.Administration.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/agreements", body, Ct), HttpStatusCode.Forbidden, "rol");
        await Api.Problem(await desk.Consultant.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/agreements", body, Ct), HttpStatusCode.Forbidden, "rol");

        var detail = await Api.Json(await desk.Administration.GetAsync($"/api/v1/customers/{customer.Id}", Ct), HttpStatusCode.OK);
        Assert.Empty(detail.GetProperty("agreements").EnumerateArray());
    }

    [Fact]
    public async Task An_agreement_ending_before_it_starts_is_refused()
    {
        var customer = await desk.CustomerAsync("Colegio Belgrano");
        var response = await desk.ProjectManager.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/agreements",
            new { start = "2026-12-31", end = "2026-01-01", status = "active" }, Ct);
        var errors = await Api.FieldErrors(response, "end");
        Assert.Equal("El acuerdo no puede terminar antes de empezar.", Assert.Single(errors));
    }

    [Fact]
    public async Task An_agreement_without_dates_is_refused_by_field()
    {
        var customer = await desk.CustomerAsync("Club Atlético Sur");
        var response = await desk.ProjectManager.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/agreements", new { status = "active" }, Ct);
        var problem = await Api.Problem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("start", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("end", out _));
    }

    [Fact]
    public async Task Expiring_lists_an_agreement_ending_in_ten_days_and_not_one_ending_in_sixty()
    {
        var soon = await desk.CustomerAsync("Panificadora Norte");
        await desk.AgreementAsync(soon, -355, 10);
        var later = await desk.CustomerAsync("Panificadora Oeste");
        await desk.AgreementAsync(later, -305, 60);

        var expiring = await Api.Json(await desk.ProjectManager.GetAsync("/api/v1/agreements/expiring?days=30", Ct), HttpStatusCode.OK);
        var row = Assert.Single(expiring.EnumerateArray(), r => r.GetProperty("customerId").GetInt32() == soon.Id);
        Assert.Equal(10, row.GetProperty("daysLeft").GetInt32());
        Assert.Equal("Panificadora Norte", row.Str("customerName"));
        Assert.DoesNotContain(expiring.EnumerateArray(), r => r.GetProperty("customerId").GetInt32() == later.Id);

        var wider = await Api.Json(await desk.ProjectManager.GetAsync("/api/v1/agreements/expiring?days=90", Ct), HttpStatusCode.OK);
        Assert.Contains(wider.EnumerateArray(), r => r.GetProperty("customerId").GetInt32() == later.Id);
    }

    [Fact]
    public async Task A_renewal_already_recorded_takes_the_customer_off_the_expiring_list()
    {
        var customer = await desk.CustomerAsync("Vinoteca Mendoza");
        await desk.AgreementAsync(customer, -355, 10);
        await desk.AgreementAsync(customer, 11, 375);
        var expiring = await Api.Json(await desk.ProjectManager.GetAsync("/api/v1/agreements/expiring?days=30", Ct), HttpStatusCode.OK);
        Assert.DoesNotContain(expiring.EnumerateArray(), r => r.GetProperty("customerId").GetInt32() == customer.Id);
    }

    [Fact]
    public async Task Suspending_the_agreement_sends_the_next_contact_to_the_project_manager()
    {
        var customer = await desk.CustomerAsync("Sanatorio Norte");
        var body = new { start = Desk.Today.AddDays(-10), end = Desk.Today.AddDays(355), status = "active" };
        var agreement = await Api.Json(await desk.ProjectManager.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/agreements", body, Ct), HttpStatusCode.Created);
        Assert.Equal("pending", (await desk.IntakeAsync(customer)).Str("state"));

        var url = $"/api/v1/customers/{customer.Id}/agreements/{agreement.GetProperty("id").GetInt32()}";
        var suspended = await Api.Json(await desk.ProjectManager.PutAsJsonAsync(url, body with { status = "suspended" }, Ct), HttpStatusCode.OK);
        Assert.False(suspended.GetProperty("inForce").GetBoolean());
        Assert.Equal("regularisation", (await desk.IntakeAsync(customer)).Str("state"));
        var detail = await Api.Json(await desk.Administration.GetAsync($"/api/v1/customers/{customer.Id}", Ct), HttpStatusCode.OK);
        Assert.Equal("suspended", detail.GetProperty("agreement").Str("kind"));

        await Api.Problem(await desk.ProjectManager.PutAsJsonAsync($"/api/v1/customers/{customer.Id}/agreements/987654", body, Ct), HttpStatusCode.NotFound, "987654");
    }

    [Fact]
    public async Task Consultants_do_not_see_the_expiring_list()
    {
        await Api.Problem(await desk.Consultant.GetAsync("/api/v1/agreements/expiring?days=30", Ct), HttpStatusCode.Forbidden);
    }
}

public sealed class AgreementsApiOnSqlite(SqliteDesk desk) : AgreementsApiTests(desk), IClassFixture<SqliteDesk>;

public sealed class AgreementsApiOnPostgres(PostgresDesk desk) : AgreementsApiTests(desk), IClassFixture<PostgresDesk>;
