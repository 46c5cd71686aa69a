namespace Ayuda.Features.Procedures;

/// <summary>A line of the document list; <see cref="DraftRevision"/> only for those who draft.</summary>
public sealed record ProcedureSummary(string Code, string Title, int? CurrentRevision, DateOnly? EffectiveOn, int? DraftRevision);

public sealed record ChangeView(string Location, ProcedureChangeKind Kind, string Description);

/// <summary>A revision in the history: who drafted and approved it, when it was in force, its change control.</summary>
public sealed record RevisionSummary(
    int Number,
    string Title,
    RevisionState State,
    DateOnly? EffectiveOn,
    string? DraftedBy,
    DateTimeOffset DraftedAt,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? SupersededAt,
    IReadOnlyList<ChangeView> Changes);

/// <summary>A document with its history, newest revision first.</summary>
public sealed record ProcedureView(string Code, string Title, int? CurrentRevision, DateOnly? EffectiveOn, int? DraftRevision, int Version, IReadOnlyList<RevisionSummary> Revisions);

/// <summary>One revision to read (or, a draft, to edit): its Markdown, the same rendered as sanitised HTML, its change control.</summary>
public sealed record RevisionView(
    string Code,
    int Number,
    string Title,
    RevisionState State,
    DateOnly? EffectiveOn,
    string? DraftedBy,
    DateTimeOffset DraftedAt,
    string? UpdatedBy,
    DateTimeOffset UpdatedAt,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? SupersededAt,
    int Version,
    string Markdown,
    string Html,
    IReadOnlyList<ChangeView> Changes)
{
    internal static RevisionView Of(string code, ProcedureRevision r) => new(code, r.Number, r.Title, r.State, r.EffectiveOn, r.DraftedByName, r.DraftedAt,
        r.UpdatedByName, r.UpdatedAt, r.ApprovedByName, r.ApprovedAt, r.SupersededAt, r.Version, r.Markdown, ProcedureMarkdown.ToHtml(r.Markdown), ChangesOf(r));

    internal static IReadOnlyList<ChangeView> ChangesOf(ProcedureRevision r) =>
        [.. r.Changes.OrderBy(c => c.Position).Select(c => new ChangeView(c.Location, c.Kind, c.Description))];
}
