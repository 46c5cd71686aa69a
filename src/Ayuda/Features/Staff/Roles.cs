namespace Ayuda.Features.Staff;

/// <summary>The desk's roles (PRODUCT.md). A user may hold several.</summary>
public static class Roles
{
    public const string Administration = nameof(Administration);
    public const string HeadOfImplementation = nameof(HeadOfImplementation);
    public const string Consultant = nameof(Consultant);
    public const string ProjectManager = nameof(ProjectManager);
    public const string RnDManager = nameof(RnDManager);
    public const string SystemAdmin = nameof(SystemAdmin);

    /// <summary>An integration, not a person: a mail server piping messages in, a PBX posting call events.</summary>
    public const string Channel = nameof(Channel);

    public static readonly IReadOnlyList<string> All =
        [Administration, HeadOfImplementation, Consultant, ProjectManager, RnDManager, SystemAdmin, Channel];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
