using System.Security.Claims;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Staff;

/// <summary><c>/api/v1/auth/token</c>, <c>/api/v1/me</c> and <c>/api/v1/staff</c>.</summary>
public static class StaffApi
{
    public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

    public sealed record RolesRequest(IReadOnlyList<string>? Roles);

    public static RouteGroupBuilder MapStaffApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", async Task<IResult> (IssueApiToken.Request body, IssueApiToken issue, IStringLocalizer<Strings> l) =>
            {
                var outcome = await issue.ExecuteAsync(body);
                if (outcome is { Succeeded: false, Problem: not null })
                {
                    return TypedResults.Problem(outcome.Problem, statusCode: StatusCodes.Status401Unauthorized, title: l["Problem.UnauthorizedTitle"]);
                }
                return outcome.ToResult(t => TypedResults.Ok(new TokenResponse(t.Value, t.ExpiresAt)), l);
            })
            .AllowAnonymous()
            .WithTags("Auth")
            .WithSummary("Exchange email and password for a bearer token")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem();

        api.MapGet("/me", async Task<Results<Ok<StaffSummary>, NotFound>> (ClaimsPrincipal user, StaffQueries queries, CancellationToken ct) =>
                await queries.FindAsync(user.StaffId(), ct) is { } me ? TypedResults.Ok(me) : TypedResults.NotFound())
            .RequireAuthorization(Policies.Staff)
            .WithTags("Staff")
            .WithSummary("The signed-in staff member");

        var staff = api.MapGroup("/staff").RequireAuthorization(Policies.ManageStaff).WithTags("Staff");

        staff.MapGet("/", (StaffQueries queries, CancellationToken ct, string? search, int page = 1, int pageSize = 50) =>
                queries.ListAsync(search, page, pageSize, ct))
            .WithSummary("List staff members, paged (pageSize at most 200)");

        staff.MapGet("/{id}", async Task<IResult> (string id, StaffQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.FindAsync(id, ct) is { } found
                    ? TypedResults.Ok(found)
                    : TypedResults.Problem(l["Staff.NotFound"], statusCode: StatusCodes.Status404NotFound, title: l["Problem.NotFoundTitle"]))
            .WithSummary("One staff member")
            .Produces<StaffSummary>();

        staff.MapPost("/", async Task<IResult> (NewStaffUser body, CreateStaffUser create, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await create.ExecuteAsync(body, ct)).ToResult(s => TypedResults.Created($"/api/v1/staff/{s.Id}", s), l))
            .WithSummary("Create a staff member with roles")
            .Produces<StaffSummary>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        staff.MapPut("/{id}/roles", async Task<IResult> (string id, RolesRequest body, ClaimsPrincipal user, ChangeStaffUser change, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await change.SetRolesAsync(user.StaffId(), id, body.Roles, ct)).ToResult(TypedResults.Ok, l))
            .WithSummary("Replace a staff member's roles (they sign in again to use them)")
            .Produces<StaffSummary>();

        staff.MapPost("/{id}/deactivate", async Task<IResult> (string id, ClaimsPrincipal user, ChangeStaffUser change, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await change.SetActiveAsync(user.StaffId(), id, false, ct)).ToResult(TypedResults.Ok, l))
            .WithSummary("Deactivate: no more sign-ins, existing sessions and tokens stop working")
            .Produces<StaffSummary>();

        staff.MapPost("/{id}/activate", async Task<IResult> (string id, ClaimsPrincipal user, ChangeStaffUser change, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await change.SetActiveAsync(user.StaffId(), id, true, ct)).ToResult(TypedResults.Ok, l))
            .WithSummary("Reactivate a staff member")
            .Produces<StaffSummary>();

        return api;
    }
}
