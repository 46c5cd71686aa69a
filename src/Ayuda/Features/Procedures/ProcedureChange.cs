namespace Ayuda.Features.Procedures;

/// <summary>The kind of a change-control row, as the quality system names them: Nuevo, Modificación, Mejora.</summary>
public enum ProcedureChangeKind
{
    New,
    Modification,
    Improvement,
}

/// <summary>
/// One row of a revision's change control ("control de cambios para la revisión actual"): where in the document, what
/// kind of change, and what changed. Part of its revision: it is written with the draft and frozen with it.
/// </summary>
public sealed class ProcedureChange
{
    public const int MaxLocationLength = 200;
    public const int MaxDescriptionLength = 2_000;

    public int Position { get; private set; }
    public string Location { get; private set; } = "";
    public ProcedureChangeKind Kind { get; private set; }
    public string Description { get; private set; } = "";

    private ProcedureChange() { }

    internal ProcedureChange(int position, string location, ProcedureChangeKind kind, string description)
    {
        Position = position;
        Location = location;
        Kind = kind;
        Description = description;
    }
}

/// <summary>A change-control row as the editor and the API send it.</summary>
public sealed record ChangeInput(string? Location, ProcedureChangeKind? Kind, string? Description);
