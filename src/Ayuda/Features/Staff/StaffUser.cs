using Microsoft.AspNetCore.Identity;

namespace Ayuda.Features.Staff;

/// <summary>A member of the vendor's team who signs in to Ayuda. Customers' contacts are not users.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>A deactivated user can neither sign in nor use a token; their history stays.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>UI language: <c>es-AR</c> (default) or <c>en</c>.</summary>
    public string Language { get; set; } = StaffLanguages.Default;

    public DateTimeOffset CreatedAt { get; set; }

    public void Deactivate()
    {
        IsActive = false;
        // A new stamp invalidates live cookies and tokens at their next check.
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public void Activate() => IsActive = true;
}

public static class StaffLanguages
{
    public const string Default = "es-AR";
    public const string English = "en";
    public static readonly IReadOnlyList<string> All = [Default, English];

    public static bool IsSupported(string? language) => language is not null && All.Contains(language);
}
