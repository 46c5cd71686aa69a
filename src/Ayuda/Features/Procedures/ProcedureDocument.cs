using Ayuda.Data;
using Ayuda.Infrastructure;

namespace Ayuda.Features.Procedures;

/// <summary>
/// A controlled document of the quality system (PR-IMP-01 Procedimiento de asistencia, IT INC…): its code, its title,
/// and its revisions. At most one revision is current, at most one is a draft; approving the draft makes it current
/// and supersedes the one before. A quality record: never deleted, and approved revisions never change.
/// </summary>
public sealed class ProcedureDocument : IQualityRecord
{
    public int Id { get; private set; }

    /// <summary>Unique, upper case: <c>PR-IMP-01</c>.</summary>
    public string Code { get; private set; } = "";

    /// <summary>The title of the current revision (of the first draft until one is approved).</summary>
    public string Title { get; private set; } = "";
    public int? CurrentRevision { get; private set; }

    /// <summary>From when the current revision is in force.</summary>
    public DateOnly? EffectiveOn { get; private set; }
    public string? CreatedByName { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Concurrency token, bumped by every change: two people drafting or approving at once cannot both win.</summary>
    public int Version { get; private set; }

    private readonly List<ProcedureRevision> _revisions = [];
    public IReadOnlyList<ProcedureRevision> Revisions => _revisions;

    string IQualityRecord.Number => Code;

    private ProcedureDocument() { }

    /// <summary>A new document with its first revision as a draft.</summary>
    public ProcedureDocument(string code, int firstRevision, string title, string markdown, IEnumerable<ChangeInput> changes, Actor? actor, DateTimeOffset now)
    {
        ProcedureRules.CheckCode(code);
        if (firstRevision < 0)
        {
            throw DomainException.Invalid("Procedures.RevisionNumberInvalid");
        }
        Code = ProcedureRules.NormaliseCode(code);
        var draft = new ProcedureRevision(firstRevision, title, markdown, changes, actor, now);
        Title = draft.Title;
        CreatedByName = actor?.Name;
        CreatedAt = UpdatedAt = now;
        _revisions.Add(draft);
    }

    /// <summary>A document that was already in force on paper when the desk started: its revision goes in as current.</summary>
    public static ProcedureDocument InForce(string code, int revision, string title, string markdown, IEnumerable<ChangeInput> changes, DateOnly effectiveOn, DateTimeOffset now)
    {
        var document = new ProcedureDocument(code, revision, title, markdown, changes, null, now);
        document.Approve(revision, effectiveOn, effectiveOn, null, now);
        return document;
    }

    public ProcedureRevision? Draft => _revisions.FirstOrDefault(r => r.IsDraft);

    public ProcedureRevision? Current => _revisions.FirstOrDefault(r => r.State == RevisionState.Current);

    public ProcedureRevision Revision(int number) =>
        _revisions.FirstOrDefault(r => r.Number == number) ?? throw DomainException.NotFound("Procedures.RevisionNotFound", Code, number);

    /// <summary>Starts the next revision as a draft; refused while another draft is open.</summary>
    public ProcedureRevision StartDraft(string? title, string markdown, IEnumerable<ChangeInput> changes, Actor actor, DateTimeOffset now)
    {
        if (Draft is { } open)
        {
            throw DomainException.Conflict("Procedures.DraftExists", Code, open.Number);
        }
        var draft = new ProcedureRevision(_revisions.Max(r => r.Number) + 1, string.IsNullOrWhiteSpace(title) ? Title : title, markdown, changes, actor, now);
        _revisions.Add(draft);
        Touch(now);
        return draft;
    }

    /// <summary>Edits the draft <paramref name="number"/> read at <paramref name="version"/>; an approved revision refuses.</summary>
    public ProcedureRevision EditDraft(int number, int version, string? title, string markdown, IEnumerable<ChangeInput> changes, Actor actor, DateTimeOffset now)
    {
        var revision = Revision(number);
        revision.Edit(version, string.IsNullOrWhiteSpace(title) ? revision.Title : title, markdown, changes, actor, now);
        Touch(now);
        return revision;
    }

    /// <summary>
    /// The draft becomes current from <paramref name="effectiveOn"/> (not after <paramref name="today"/>, not before the
    /// revision it replaces); the previous current revision is superseded. A later revision needs its change control.
    /// </summary>
    public ProcedureRevision Approve(int number, DateOnly effectiveOn, DateOnly today, Actor? actor, DateTimeOffset now)
    {
        var revision = Revision(number);
        revision.RefuseUnlessDraft();
        if (effectiveOn > today)
        {
            throw DomainException.Invalid("Procedures.EffectiveInFuture");
        }
        var previous = Current;
        if (previous?.EffectiveOn is { } since && effectiveOn < since)
        {
            throw DomainException.Invalid("Procedures.EffectiveBeforeCurrent", previous.Number, since);
        }
        if (previous is not null && revision.Changes.Count == 0)
        {
            throw DomainException.Conflict("Procedures.ChangesRequired", number);
        }
        previous?.Supersede(now);
        revision.Approve(effectiveOn, actor, now);
        CurrentRevision = number;
        EffectiveOn = effectiveOn;
        Title = revision.Title;
        Touch(now);
        return revision;
    }

    /// <summary>Drops the draft; approved revisions are never discarded.</summary>
    public ProcedureRevision DiscardDraft(int number, int? version)
    {
        var revision = Revision(number);
        revision.RefuseUnlessDraft();
        if (version is { } seen && seen != revision.Version)
        {
            throw DomainException.Conflict("Procedures.DraftChangedMeanwhile", number);
        }
        if (CurrentRevision is null)
        {
            throw DomainException.Conflict("Procedures.FirstDraftKept", Code);
        }
        _revisions.Remove(revision);
        Version++;
        return revision;
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
