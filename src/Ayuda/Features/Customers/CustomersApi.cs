using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Customers;

/// <summary><c>/api/v1/customers</c> and <c>/api/v1/agreements</c>: the same use cases as the customer pages.</summary>
public static class CustomersApi
{
    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTags("Customers");

        customers.MapGet("/", (CustomerQueries queries, CancellationToken ct, string? query, int page = 1, int pageSize = 50) =>
                queries.ListAsync(query, page, pageSize, ct))
            .WithSummary("List customers with their agreement badge; query matches name, CUIT, phone, contact, email or domain");

        customers.MapGet("/search", (CustomerQueries queries, CancellationToken ct, string? query) => queries.SearchAsync(query, ct))
            .WithSummary("Search as you type: up to 8 customer cards with badge and contacts");

        customers.MapGet("/{id:int}", async Task<IResult> (int id, CustomerQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.GetAsync(id, ct) is { } found ? TypedResults.Ok(found) : NotFound(l, l["Customers.NotFound", id]))
            .WithSummary("One customer with contacts and agreements")
            .Produces<CustomerDetail>();

        customers.MapPost("/", async Task<IResult> (CustomerInput body, SaveCustomer save, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await save.CreateAsync(body, ct)).ToResult(c => TypedResults.Created($"/api/v1/customers/{c.Id}", c), l))
            .RequireAuthorization(Policies.ManageCustomers)
            .WithSummary("Create a customer")
            .Produces<CustomerDetail>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        customers.MapPut("/{id:int}", async Task<IResult> (int id, CustomerInput body, SaveCustomer save, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await save.UpdateAsync(id, body, ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.ManageCustomers)
            .WithSummary("Update a customer (lists are replaced)")
            .Produces<CustomerDetail>()
            .ProducesValidationProblem();

        customers.MapPost("/{id:int}/contacts", async Task<IResult> (int id, ContactInput body, SaveContact save, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await save.SaveAsync(id, null, body, ct)).ToResult(c => TypedResults.Created($"/api/v1/customers/{id}/contacts/{c.Id}", c), l))
            .RequireAuthorization(Policies.ManageCustomers)
            .WithSummary("Add a contact to a customer")
            .Produces<ContactView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        customers.MapPut("/{id:int}/contacts/{contactId:int}", async Task<IResult> (int id, int contactId, ContactInput body, SaveContact save, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await save.SaveAsync(id, contactId, body, ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.ManageCustomers)
            .WithSummary("Update a contact")
            .Produces<ContactView>()
            .ProducesValidationProblem();

        customers.MapPost("/{id:int}/agreements", async Task<IResult> (int id, AgreementInput body, SaveAgreement save, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await save.SaveAsync(id, null, body, ct)).ToResult(a => TypedResults.Created($"/api/v1/customers/{id}", a), l))
            .RequireAuthorization(Policies.Commercial)
            .WithSummary("Record a support agreement (Project Manager)")
            .Produces<AgreementView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        customers.MapPut("/{id:int}/agreements/{agreementId:int}", async Task<IResult> (int id, int agreementId, AgreementInput body, SaveAgreement save, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await save.SaveAsync(id, agreementId, body, ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Commercial)
            .WithSummary("Change an agreement's dates or status (renew, suspend, cancel)")
            .Produces<AgreementView>()
            .ProducesValidationProblem();

        api.MapGet("/agreements/expiring", (CustomerQueries queries, CancellationToken ct, int days = 30) => queries.ExpiringAsync(days, ct))
            .RequireAuthorization(Policies.Commercial)
            .WithTags("Customers")
            .WithSummary("Agreements in force that end within the next days (default 30), soonest first");

        return api;
    }

    private static IResult NotFound(IStringLocalizer<Strings> l, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: l["Problem.NotFoundTitle"]);
}
