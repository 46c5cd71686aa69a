namespace Ayuda.Features.Staff;

/// <summary>Settings under <c>Ayuda:Bootstrap</c>: the first SystemAdmin, created only when there are no users.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Ayuda:Bootstrap";

    public string AdminEmail { get; set; } = "admin@ayuda.local";

    /// <summary>When empty, a strong password is generated and printed once to the console.</summary>
    public string? AdminPassword { get; set; }

    public string AdminName { get; set; } = "Administrador";
}
