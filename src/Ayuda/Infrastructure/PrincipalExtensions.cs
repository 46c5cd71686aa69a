using System.Security.Claims;
using Ayuda.Features.Staff;

namespace Ayuda.Infrastructure;

/// <summary>Who is acting, read from the signed-in principal (cookie or token alike).</summary>
public static class PrincipalExtensions
{
    public static string StaffId(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("The principal is not a signed-in staff member.");

    public static string StaffName(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(StaffClaimsFactory.DisplayNameClaim) ?? principal.Identity?.Name ?? "";

    public static Actor ToActor(this ClaimsPrincipal principal) => new(principal.StaffId(), principal.StaffName());
}

/// <summary>Who did something: a staff member, or the system (a channel worker) with a null id.</summary>
public sealed record Actor(string? Id, string Name)
{
    public static Actor System(string name) => new(null, name);
}
