using System.Security.Claims;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Requirements;

/// <summary>Gathered requirements: handed over from a ticket, queued for the Project Manager, reviewed and decided.</summary>
public static class RequirementsApi
{
    public static RouteGroupBuilder MapRequirementsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/tickets/{number}/requirement", async Task<IResult> (string number, HandOverRequirement.Request body, ClaimsPrincipal user,
                HandOverRequirement handOver, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await handOver.ExecuteAsync(number, body, [], user.ToActor(), ct)).ToResult(r => TypedResults.Created($"/api/v1/requirements/{r.Id}", r), l))
            .RequireAuthorization(Policies.Implementation)
            .WithTags("Requirements")
            .WithSummary("Record the gathered requirement and hand it to the Project Manager: {\"notes\",\"meetingId\"?,\"resolution\"?}; the ticket is resolved")
            .Produces<RequirementView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        var requirements = api.MapGroup("/requirements").WithTags("Requirements").RequireAuthorization(Policies.Requirements);

        requirements.MapGet("/", (RequirementQueries queries, CancellationToken ct, string? state, string? cursor, int limit = 50) =>
                queries.ListAsync(QueryValues.Enum<RequirementState>(state, nameof(state)), cursor, limit, ct))
            .WithSummary("The Project Manager's queue, oldest first: state=new|inReview|closed; page with the returned cursor");

        requirements.MapGet("/{id:long}", async Task<IResult> (long id, RequirementQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.GetAsync(id, ct) is { } found
                    ? TypedResults.Ok(found)
                    : TypedResults.Problem(l["Requirements.NotFound", id], statusCode: StatusCodes.Status404NotFound, title: l["Problem.NotFoundTitle"]))
            .WithSummary("One requirement with its customer, notes, files and the ticket's attachments")
            .Produces<RequirementView>();

        requirements.MapPost("/{id:long}/files", async Task<IResult> (long id, IFormFile file, ClaimsPrincipal user, HandOverRequirement handOver,
                IStringLocalizer<Strings> l, CancellationToken ct) =>
            {
                using var buffer = new MemoryStream();
                await using (var stream = file.OpenReadStream())
                {
                    await stream.CopyToAsync(buffer, ct);
                }
                return (await handOver.AddFileAsync(id, new HandOverRequirement.FileUpload(file.FileName, file.ContentType, buffer.ToArray()), user.ToActor(), ct))
                    .ToResult(TypedResults.Ok, l);
            })
            .RequireAuthorization(Policies.Implementation)
            .DisableAntiforgery()
            .WithSummary("Attach a file to a requirement (multipart form, field 'file', at most 25 MB)");

        requirements.MapGet("/files/{id:long}", async Task<IResult> (long id, RequirementQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.FileAsync(id, ct) is { } file
                    ? Tickets.AttachmentDownload.Result(file.FileName, file.Bytes)
                    : TypedResults.Problem(l["Attachments.NotFound"], statusCode: StatusCodes.Status404NotFound, title: l["Problem.NotFoundTitle"]))
            .WithSummary("Download a requirement's file (always as an attachment)");

        requirements.MapPost("/{id:long}/review", async Task<IResult> (long id, HandOverRequirement.ReviewRequest body, ClaimsPrincipal user,
                HandOverRequirement handOver, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await handOver.ReviewAsync(id, body, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Commercial)
            .WithSummary("The Project Manager takes it up or decides: {\"state\":\"inReview\"|\"closed\",\"comment\"} (the decision is required to close)")
            .Produces<RequirementView>();

        api.MapGet("/tickets/{number}/requirements", (string number, RequirementQueries queries, CancellationToken ct) => queries.ForTicketAsync(number, ct))
            .RequireAuthorization(Policies.Requirements)
            .WithTags("Requirements")
            .WithSummary("The requirements handed over from a ticket");

        return api;
    }
}
