using System.Security.Claims;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Procedures;

/// <summary>
/// <c>/api/v1/procedures</c>: the controlled documents. Every staff member reads the current revisions; the head of
/// implementation drafts, edits, discards and approves. There is no DELETE of a document: it is a quality record.
/// </summary>
public static class ProceduresApi
{
    public static RouteGroupBuilder MapProceduresApi(this RouteGroupBuilder api)
    {
        var procedures = api.MapGroup("/procedures").RequireAuthorization(Policies.Staff).WithTags("Procedures");
        procedures.MapGet("/", (ClaimsPrincipal user, ProcedureQueries queries, CancellationToken ct) => queries.ListAsync(ProcedureWork.MayDraft(user), ct))
            .WithSummary("The documents with their current revision and effective date; for the head and consultants also the open draft");
        procedures.MapPost("/", async Task<IResult> (ProcedureWork.CreateRequest body, ClaimsPrincipal user, ProcedureWork work, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await work.CreateAsync(body, user.ToActor(), ct)).ToResult(d => TypedResults.Created($"/api/v1/procedures/{d.Code}", d), l))
            .RequireAuthorization(Policies.Implementation)
            .WithSummary("A new document with its first revision as a draft: {code, title, markdown, changes?:[{location, kind: new|modification|improvement, description}], revision?}");
        procedures.MapGet("/{code}", async Task<IResult> (string code, ClaimsPrincipal user, ProcedureQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.GetAsync(code, ProcedureWork.MayDraft(user), ct) is { } found
                    ? TypedResults.Ok(found)
                    : TypedResults.Problem(l["Procedures.NotFound", code], statusCode: StatusCodes.Status404NotFound, title: l["Problem.NotFoundTitle"]))
            .WithSummary("One document with its revisions, newest first: who drafted and approved each, when it was in force, its change control")
            .Produces<ProcedureView>();
        procedures.MapGet("/{code}/revisions/{number:int}", async Task<IResult> (string code, int number, ClaimsPrincipal user, ProcedureQueries queries,
                IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await queries.RevisionAsync(code, number, ProcedureWork.MayDraft(user), ct)).ToResult(TypedResults.Ok, l))
            .WithSummary("One revision: its Markdown, the same as sanitised HTML, its change control, state and dates")
            .Produces<RevisionView>();
        procedures.MapPost("/{code}/revisions", async Task<IResult> (string code, ProcedureWork.DraftRequest body, ClaimsPrincipal user, ProcedureWork work,
                IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await work.DraftAsync(code, body, user.ToActor(), ct)).ToResult(r => TypedResults.Created($"/api/v1/procedures/{r.Code}/revisions/{r.Number}", r), l))
            .RequireAuthorization(Policies.Implementation)
            .WithSummary("Starts the next revision as a draft: {markdown, changes:[{location, kind, description}], title?}; 409 while another draft is open");
        procedures.MapPut("/{code}/revisions/{number:int}", async Task<IResult> (string code, int number, ProcedureWork.DraftRequest body, ClaimsPrincipal user,
                ProcedureWork work, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await work.EditAsync(code, number, body, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Implementation)
            .WithSummary("Edits a draft: {version, markdown, changes, title?}; 409 on an approved revision or a stale version");
        procedures.MapDelete("/{code}/revisions/{number:int}", async Task<IResult> (string code, int number, int? version, ClaimsPrincipal user, ProcedureWork work,
                IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await work.DiscardAsync(code, number, version, user.ToActor(), ct)).ToResult(_ => TypedResults.NoContent(), l))
            .RequireAuthorization(Policies.Implementation)
            .WithSummary("Discards a draft (?version= refuses when it changed since); 409 on an approved revision");
        // The body is optional (no body: effective today), so it is read by hand: a bound body would make routing refuse
        // a POST without a JSON content type, and the request would fall through to the /api 404.
        procedures.MapPost("/{code}/revisions/{number:int}/approve", async Task<IResult> (string code, int number, HttpRequest request, ClaimsPrincipal user,
                ProcedureWork work, IStringLocalizer<Strings> l, CancellationToken ct) =>
            {
                ProcedureWork.ApproveRequest? body;
                try
                {
                    body = request.HasJsonContentType() && request.ContentLength != 0 ? await request.ReadFromJsonAsync<ProcedureWork.ApproveRequest>(ct) : null;
                }
                catch (System.Text.Json.JsonException e)
                {
                    // Worded like any other body that does not read (ExceptionProblems), e.g. a date that is not a date.
                    throw new BadHttpRequestException("The approval body does not read.", e);
                }
                return (await work.ApproveAsync(code, number, body ?? new ProcedureWork.ApproveRequest(), user.ToActor(), ct)).ToResult(TypedResults.Ok, l);
            })
            .RequireAuthorization(Policies.Supervision)
            .WithSummary("The head approves the draft: {effectiveDate?} (body optional; default today on the desk's clock); it becomes current and the previous one superseded")
            .Produces<RevisionView>();
        procedures.MapGet("/{code}/diff", async Task<IResult> (string code, int? from, int? to, ClaimsPrincipal user, ProcedureQueries queries,
                IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await queries.DiffAsync(code, from, to, ProcedureWork.MayDraft(user), ct)).ToResult(TypedResults.Ok, l))
            .WithSummary("What changed in the text between two revisions, line by line: lines (inline) and sideBySide")
            .Produces<ProcedureDiff>();
        return api;
    }
}
