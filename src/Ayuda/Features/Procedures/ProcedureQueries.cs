using Ayuda.Data;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Procedures;

/// <summary>
/// Reading controlled documents: the list, one document with its history, one revision, a diff between two.
/// Drafts are seen only by those who may draft (<c>drafts</c>); for everyone else they do not exist.
/// </summary>
public sealed class ProcedureQueries(IDbContextFactory<AyudaDb> contexts, IStringLocalizer<Strings> l)
{
    public async Task<IReadOnlyList<ProcedureSummary>> ListAsync(bool drafts, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var documents = db.ProcedureDocuments.AsNoTracking().Where(d => drafts || d.CurrentRevision != null).OrderBy(d => d.Code);
        var rows = await documents.Select(d => new
        {
            d.Code,
            d.Title,
            d.CurrentRevision,
            d.EffectiveOn,
            Draft = db.ProcedureRevisions.Where(r => r.DocumentId == d.Id && r.State == RevisionState.Draft).Select(r => (int?)r.Number).FirstOrDefault(),
        }).ToListAsync(ct);
        return [.. rows.Select(r => new ProcedureSummary(r.Code, r.Title, r.CurrentRevision, r.EffectiveOn, drafts ? r.Draft : null))];
    }

    public async Task<ProcedureView?> GetAsync(string code, bool drafts, CancellationToken ct)
    {
        var document = await LoadAsync(code, drafts, ct);
        if (document is null)
        {
            return null;
        }
        var revisions = document.Revisions.Where(r => drafts || !r.IsDraft).OrderByDescending(r => r.Number)
            .Select(r => new RevisionSummary(r.Number, r.Title, r.State, r.EffectiveOn, r.DraftedByName, r.DraftedAt, r.ApprovedByName, r.ApprovedAt, r.SupersededAt,
                RevisionView.ChangesOf(r)))
            .ToList();
        return new ProcedureView(document.Code, document.Title, document.CurrentRevision, document.EffectiveOn, drafts ? document.Draft?.Number : null,
            document.Version, revisions);
    }

    public async Task<Outcome<RevisionView>> RevisionAsync(string code, int number, bool drafts, CancellationToken ct)
    {
        var document = await LoadAsync(code, drafts, ct);
        if (document is null)
        {
            return Outcome<RevisionView>.Fail(l["Procedures.NotFound", code], DomainErrorKind.NotFound);
        }
        return Find(document, number, drafts) is { } revision
            ? Outcome<RevisionView>.Ok(RevisionView.Of(document.Code, revision))
            : Outcome<RevisionView>.Fail(l["Procedures.RevisionNotFound", document.Code, number], DomainErrorKind.NotFound);
    }

    /// <summary>Line by line, what changed in the text from revision <paramref name="from"/> to <paramref name="to"/>.</summary>
    public async Task<Outcome<ProcedureDiff>> DiffAsync(string code, int? from, int? to, bool drafts, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (from is null)
        {
            errors["from"] = [l["Procedures.DiffNeedsRevision"]];
        }
        if (to is null)
        {
            errors["to"] = [l["Procedures.DiffNeedsRevision"]];
        }
        if (errors.Count > 0)
        {
            return Outcome<ProcedureDiff>.Invalid(errors);
        }
        var document = await LoadAsync(code, drafts, ct);
        if (document is null)
        {
            return Outcome<ProcedureDiff>.Fail(l["Procedures.NotFound", code], DomainErrorKind.NotFound);
        }
        var older = Find(document, from!.Value, drafts);
        var newer = Find(document, to!.Value, drafts);
        if (older is null || newer is null)
        {
            return Outcome<ProcedureDiff>.Fail(l["Procedures.RevisionNotFound", document.Code, older is null ? from.Value : to.Value], DomainErrorKind.NotFound);
        }
        return Outcome<ProcedureDiff>.Ok(ProcedureDiff.Between(document.Code, older, newer));
    }

    private static ProcedureRevision? Find(ProcedureDocument document, int number, bool drafts) =>
        document.Revisions.FirstOrDefault(r => r.Number == number && (drafts || !r.IsDraft));

    /// <summary>The current revision, or null when the document has none yet.</summary>
    public async Task<RevisionView?> CurrentAsync(string code, CancellationToken ct)
    {
        var document = await LoadAsync(code, false, ct);
        return document?.Current is { } current ? RevisionView.Of(document.Code, current) : null;
    }

    private async Task<ProcedureDocument?> LoadAsync(string code, bool drafts, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var normalised = ProcedureRules.NormaliseCode(code);
        var document = await db.ProcedureDocuments.AsNoTracking().Include(d => d.Revisions).AsSplitQuery()
            .FirstOrDefaultAsync(d => d.Code == normalised, ct);
        return document is null || (!drafts && document.CurrentRevision is null) ? null : document;
    }
}
