using Ayuda.Infrastructure;

namespace Ayuda.Features.Procedures;

public enum RevisionState
{
    /// <summary>Being written; the only state in which a revision can change (or be discarded).</summary>
    Draft,
    /// <summary>Approved and in force: what the desk follows today.</summary>
    Current,
    /// <summary>Was current until a later revision was approved; kept, readable, never changed.</summary>
    Superseded,
}

/// <summary>
/// One revision of a controlled document: its text (Markdown), its change control, who drafted and who approved it
/// and from when it is in force. Once approved it is a record of what the procedure said: it never changes again.
/// </summary>
public sealed class ProcedureRevision
{
    public const int MaxMarkdownLength = 200_000;

    public int Id { get; private set; }
    public int DocumentId { get; private set; }
    public int Number { get; private set; }

    /// <summary>The document's title in this revision (a revision may rename it; it takes effect on approval).</summary>
    public string Title { get; private set; } = "";
    public RevisionState State { get; private set; }
    public string Markdown { get; private set; } = "";
    private readonly List<ProcedureChange> _changes = [];
    public IReadOnlyList<ProcedureChange> Changes => _changes;

    /// <summary>Null for a revision that was already in force on paper when the desk started (seeded).</summary>
    public string? DraftedById { get; private set; }
    public string? DraftedByName { get; private set; }
    public DateTimeOffset DraftedAt { get; private set; }
    public string? UpdatedByName { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string? ApprovedById { get; private set; }
    public string? ApprovedByName { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public DateOnly? EffectiveOn { get; private set; }
    public DateTimeOffset? SupersededAt { get; private set; }

    /// <summary>Bumped on every edit of the draft: an editor that read an older version is refused (409).</summary>
    public int Version { get; private set; }

    private ProcedureRevision() { }

    internal ProcedureRevision(int number, string title, string markdown, IEnumerable<ChangeInput> changes, Actor? actor, DateTimeOffset now)
    {
        Number = number;
        State = RevisionState.Draft;
        DraftedById = actor?.Id;
        DraftedByName = actor?.Name;
        DraftedAt = now;
        Write(title, markdown, changes, actor, now);
        Version = 1;
    }

    public bool IsDraft => State == RevisionState.Draft;

    /// <summary>A new text and change control for the draft; an approved revision refuses (409).</summary>
    internal void Edit(int version, string title, string markdown, IEnumerable<ChangeInput> changes, Actor actor, DateTimeOffset now)
    {
        RefuseUnlessDraft();
        if (version != Version)
        {
            throw DomainException.Conflict("Procedures.DraftChangedMeanwhile", Number);
        }
        Write(title, markdown, changes, actor, now);
        Version++;
    }

    internal void RefuseUnlessDraft()
    {
        if (State != RevisionState.Draft)
        {
            throw DomainException.Conflict("Procedures.RevisionIsFinal", Number);
        }
    }

    internal void Approve(DateOnly effectiveOn, Actor? actor, DateTimeOffset now)
    {
        RefuseUnlessDraft();
        State = RevisionState.Current;
        ApprovedById = actor?.Id;
        ApprovedByName = actor?.Name;
        ApprovedAt = now;
        EffectiveOn = effectiveOn;
        Version++;
    }

    internal void Supersede(DateTimeOffset now)
    {
        if (State != RevisionState.Current)
        {
            throw new InvalidOperationException($"Revision {Number} is {State}; only the current revision is superseded.");
        }
        State = RevisionState.Superseded;
        SupersededAt = now;
    }

    private void Write(string title, string markdown, IEnumerable<ChangeInput> changes, Actor? actor, DateTimeOffset now)
    {
        var rows = changes.ToList();
        ProcedureRules.Check(title, markdown, rows);
        Title = title.Trim();
        Markdown = markdown.Replace("\r\n", "\n").TrimEnd() + "\n";
        _changes.Clear();
        for (var i = 0; i < rows.Count; i++)
        {
            _changes.Add(new ProcedureChange(i + 1, rows[i].Location!.Trim(), rows[i].Kind!.Value, rows[i].Description!.Trim()));
        }
        UpdatedByName = actor?.Name;
        UpdatedAt = now;
    }
}
