using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Ayuda.Features.Procedures;

public enum DiffKind
{
    Unchanged,
    Added,
    Removed,
    /// <summary>Side by side only: the line is on both sides, worded differently.</summary>
    Changed,
}

/// <summary>One line of the inline diff, with its number in the older and in the newer text (null where it is not there).</summary>
public sealed record DiffLine(DiffKind Kind, int? FromLine, int? ToLine, string Text);

/// <summary>One side of a side-by-side row; null where the line exists only on the other side.</summary>
public sealed record DiffCell(DiffKind Kind, int Line, string Text);

public sealed record DiffRow(DiffCell? From, DiffCell? To);

/// <summary>What changed in the text between two revisions, line by line (DiffPlex), both inline and side by side.</summary>
public sealed record ProcedureDiff(string Code, int From, int To, int Added, int Removed, IReadOnlyList<DiffLine> Lines, IReadOnlyList<DiffRow> SideBySide)
{
    public static ProcedureDiff Between(string code, ProcedureRevision from, ProcedureRevision to)
    {
        var inline = InlineDiffBuilder.Diff(from.Markdown, to.Markdown, ignoreWhiteSpace: false);
        var lines = new List<DiffLine>();
        int older = 0, newer = 0;
        foreach (var piece in inline.Lines)
        {
            switch (piece.Type)
            {
                case ChangeType.Inserted:
                    lines.Add(new DiffLine(DiffKind.Added, null, ++newer, piece.Text));
                    break;
                case ChangeType.Deleted:
                    lines.Add(new DiffLine(DiffKind.Removed, ++older, null, piece.Text));
                    break;
                case ChangeType.Imaginary:
                    break;
                default:
                    lines.Add(new DiffLine(DiffKind.Unchanged, ++older, ++newer, piece.Text));
                    break;
            }
        }
        var sides = SideBySideDiffBuilder.Diff(from.Markdown, to.Markdown, ignoreWhiteSpace: false);
        var rows = sides.OldText.Lines.Zip(sides.NewText.Lines, (o, n) => new DiffRow(Cell(o, DiffKind.Removed), Cell(n, DiffKind.Added))).ToList();
        return new ProcedureDiff(code, from.Number, to.Number,
            lines.Count(l => l.Kind == DiffKind.Added), lines.Count(l => l.Kind == DiffKind.Removed), lines, rows);
    }

    private static DiffCell? Cell(DiffPiece piece, DiffKind whenOnlyHere) => piece.Type switch
    {
        ChangeType.Imaginary => null,
        ChangeType.Unchanged => new DiffCell(DiffKind.Unchanged, piece.Position ?? 0, piece.Text),
        ChangeType.Modified => new DiffCell(DiffKind.Changed, piece.Position ?? 0, piece.Text),
        _ => new DiffCell(whenOnlyHere, piece.Position ?? 0, piece.Text),
    };
}
