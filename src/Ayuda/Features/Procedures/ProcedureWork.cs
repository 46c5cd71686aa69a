using System.Security.Claims;
using Ayuda.Data;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Procedures;

/// <summary>
/// Keeping the controlled documents up to date, for the pages and the API alike: the head of implementation creates a
/// document, drafts its next revision, edits and discards drafts, and approves one, which makes it current.
/// </summary>
public sealed class ProcedureWork(IDbContextFactory<AyudaDb> contexts, ProcedureQueries queries, DeskClock desk, IStringLocalizer<Strings> l, ILogger<ProcedureWork> logger)
{
    /// <summary>A new document with its first revision as a draft; <see cref="Revision"/> is its number (default 1).</summary>
    public sealed record CreateRequest(string? Code, string? Title, string? Markdown, IReadOnlyList<ChangeInput>? Changes = null, int? Revision = null);

    /// <summary>The text and change control of a draft; <see cref="Title"/> null keeps the title; <see cref="Version"/> is the one read (editing).</summary>
    public sealed record DraftRequest(string? Markdown, IReadOnlyList<ChangeInput>? Changes = null, string? Title = null, int? Version = null);

    /// <summary>From when the approved revision is in force; null is today on the desk's clock.</summary>
    public sealed record ApproveRequest(DateOnly? EffectiveDate = null);

    /// <summary>Who drafts and approves: the head of implementation (the procedure names them its keeper).</summary>
    /// <summary>The procedure is kept by the consultants together with their head (rev. 04, responsibilities); only the head approves.</summary>
    public static bool MayDraft(ClaimsPrincipal user) => user.IsInRole(Roles.HeadOfImplementation) || user.IsInRole(Roles.Consultant);

    public static bool MayApprove(ClaimsPrincipal user) => user.IsInRole(Roles.HeadOfImplementation);

    public async Task<Outcome<ProcedureView>> CreateAsync(CreateRequest request, Actor actor, CancellationToken ct)
    {
        var problems = ProcedureRules.CodeProblems(request.Code).Concat(ProcedureRules.RevisionProblems(request.Title, request.Markdown, request.Changes)).ToList();
        if (request.Revision is < 0)
        {
            problems.Add(("revision", "Procedures.RevisionNumberInvalid", []));
        }
        if (problems.Count > 0)
        {
            return Outcome<ProcedureView>.Invalid(ProcedureRules.Describe(problems, l));
        }
        var code = ProcedureRules.NormaliseCode(request.Code!);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.ProcedureDocuments.AnyAsync(d => d.Code == code, ct))
        {
            return Outcome<ProcedureView>.Fail(l["Procedures.CodeTaken", code]);
        }
        db.ProcedureDocuments.Add(new ProcedureDocument(code, request.Revision ?? 1, request.Title!, request.Markdown!, request.Changes ?? [], actor, desk.UtcNow));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            await using var fresh = await contexts.CreateDbContextAsync(ct);
            if (!await fresh.ProcedureDocuments.AnyAsync(d => d.Code == code, ct))
            {
                throw;
            }
            return Outcome<ProcedureView>.Fail(l["Procedures.CodeTaken", code]);
        }
        logger.LogInformation("Procedure {Code} created by {Actor}", code, actor.Name);
        return Outcome<ProcedureView>.Ok((await queries.GetAsync(code, true, ct))!);
    }

    /// <summary>Starts the next revision of <paramref name="code"/> as a draft (one draft at a time).</summary>
    public Task<Outcome<RevisionView>> DraftAsync(string code, DraftRequest request, Actor actor, CancellationToken ct)
    {
        var problems = ProcedureRules.RevisionProblems(request.Title, request.Markdown, request.Changes, titleMayStay: true).ToList();
        return problems.Count > 0
            ? Task.FromResult(Outcome<RevisionView>.Invalid(ProcedureRules.Describe(problems, l)))
            : ChangeAsync(code, (_, d) => d.StartDraft(request.Title, request.Markdown!, request.Changes ?? [], actor, desk.UtcNow), "drafted", actor, ct);
    }

    /// <summary>Saves the draft <paramref name="number"/> as edited from version <see cref="DraftRequest.Version"/>.</summary>
    public Task<Outcome<RevisionView>> EditAsync(string code, int number, DraftRequest request, Actor actor, CancellationToken ct)
    {
        var problems = ProcedureRules.RevisionProblems(request.Title, request.Markdown, request.Changes, titleMayStay: true).ToList();
        if (request.Version is null)
        {
            problems.Add(("version", "Procedures.VersionRequired", []));
        }
        return problems.Count > 0
            ? Task.FromResult(Outcome<RevisionView>.Invalid(ProcedureRules.Describe(problems, l)))
            : ChangeAsync(code, (_, d) => d.EditDraft(number, request.Version!.Value, request.Title, request.Markdown!, request.Changes ?? [], actor, desk.UtcNow), "edited", actor, ct);
    }

    /// <summary>The head approves the draft: it becomes current from the effective date and the previous revision is superseded.</summary>
    public Task<Outcome<RevisionView>> ApproveAsync(string code, int number, ApproveRequest request, Actor actor, CancellationToken ct) =>
        ChangeAsync(code, (_, d) => d.Approve(number, request.EffectiveDate ?? desk.Today, desk.Today, actor, desk.UtcNow), "approved", actor, ct);

    /// <summary>Throws the draft away; approved revisions refuse.</summary>
    public async Task<Outcome<bool>> DiscardAsync(string code, int number, int? version, Actor actor, CancellationToken ct)
    {
        var outcome = await ChangeAsync(code, (db, d) => db.ProcedureRevisions.Remove(d.DiscardDraft(number, version)).Entity, "discarded", actor, ct, reread: false);
        return outcome.Succeeded ? Outcome<bool>.Ok(true) : outcome.Problem is { } problem ? Outcome<bool>.Fail(problem, outcome.Kind) : Outcome<bool>.Invalid(outcome.Errors);
    }

    /// <summary>Loads the document with its revisions, applies <paramref name="change"/>, saves; rules broken and races come back as outcomes.</summary>
    private async Task<Outcome<RevisionView>> ChangeAsync(string code, Func<AyudaDb, ProcedureDocument, ProcedureRevision> change, string what, Actor actor, CancellationToken ct,
        bool reread = true)
    {
        var normalised = ProcedureRules.NormaliseCode(code);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var document = await db.ProcedureDocuments.Include(d => d.Revisions).AsSplitQuery().FirstOrDefaultAsync(d => d.Code == normalised, ct);
        if (document is null)
        {
            return Outcome<RevisionView>.Fail(l["Procedures.NotFound", code], DomainErrorKind.NotFound);
        }
        ProcedureRevision revision;
        try
        {
            revision = change(db, document);
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            return Outcome<RevisionView>.Fail(e.Describe(l), e.Kind);
        }
        catch (DbUpdateException)
        {
            // A concurrency-token clash, or the one-draft index when two drafts were started at once.
            return Outcome<RevisionView>.Fail(l["Procedures.ChangedMeanwhile", document.Code]);
        }
        logger.LogInformation("Procedure {Code} revision {Number} {What} by {Actor}", document.Code, revision.Number, what, actor.Name);
        return reread ? Outcome<RevisionView>.Ok(RevisionView.Of(document.Code, revision)) : Outcome<RevisionView>.Ok(null!);
    }
}
