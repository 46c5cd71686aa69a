using Ayuda.Features.Procedures;
using Ayuda.Infrastructure;

namespace Ayuda.Tests.Procedures;

/// <summary>The document's own rules, without a database: approved revisions are final, one draft at a time.</summary>
public sealed class ProcedureDocumentTests
{
    private static readonly Actor Head = new("head-1", "Marta Jefa");
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Fact]
    public void An_approved_revision_refuses_every_change()
    {
        var document = ProcedureDocument.InForce("PR-IMP-01", 4, "Procedimiento de asistencia", "Texto vigente.", [], new DateOnly(2021, 8, 1), Now);
        var current = document.Revision(4);

        var edit = Assert.Throws<DomainException>(() => document.EditDraft(4, current.Version, null, "Otro texto.", [], Head, Now));
        Assert.Equal(("Procedures.RevisionIsFinal", DomainErrorKind.Conflict), (edit.Key, edit.Kind));
        Assert.Throws<DomainException>(() => document.DiscardDraft(4, null));
        Assert.Throws<DomainException>(() => document.Approve(4, Today, Today, Head, Now));
        Assert.Equal("Texto vigente.\n", current.Markdown);
        Assert.Equal(RevisionState.Current, current.State);
    }

    [Fact]
    public void Approving_the_draft_supersedes_the_current_revision_and_moves_the_effective_date()
    {
        var document = ProcedureDocument.InForce("PR-IMP-01", 4, "Procedimiento de asistencia", "Texto vigente.", [], new DateOnly(2021, 8, 1), Now);
        var draft = document.StartDraft(null, "Texto nuevo.", [new ChangeInput("Objeto", ProcedureChangeKind.Improvement, "Más claro.")], Head, Now);
        Assert.Equal(5, draft.Number);
        Assert.Equal("Procedures.DraftExists", Assert.Throws<DomainException>(() => document.StartDraft(null, "Otro.", [], Head, Now)).Key);
        Assert.Equal("Procedures.EffectiveBeforeCurrent", Assert.Throws<DomainException>(() => document.Approve(5, new DateOnly(2020, 1, 1), Today, Head, Now)).Key);

        document.Approve(5, Today, Today, Head, Now);

        Assert.Equal((5, Today), (document.CurrentRevision!.Value, document.EffectiveOn!.Value));
        Assert.Equal(RevisionState.Superseded, document.Revision(4).State);
        Assert.Equal(RevisionState.Current, draft.State);
        Assert.Equal("Marta Jefa", draft.ApprovedByName);
    }
}
