using System.Security.Claims;
using Ayuda.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Staff;

/// <summary>
/// Answers "may this signed-in principal still act?": the user exists, is active, and the security stamp in the
/// cookie or token is the current one. Cached briefly so every request does not hit the database; a change made
/// on this host evicts at once, other hosts see it within <see cref="CacheFor"/>.
/// </summary>
public sealed class StaffAccess(IDbContextFactory<AyudaDb> contexts, IMemoryCache cache, IOptions<IdentityOptions> identity)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);

    public async Task<bool> IsAllowedAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var userId = principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType);
        if (userId is null)
        {
            return false;
        }
        var state = await cache.GetOrCreateAsync(Key(userId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new AccessState(u.IsActive, u.SecurityStamp))
                .FirstOrDefaultAsync(cancellationToken);
        });
        if (state is null || !state.IsActive)
        {
            return false;
        }
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp is null || stamp == state.SecurityStamp;
    }

    public void Forget(string userId) => cache.Remove(Key(userId));

    private static string Key(string userId) => $"staff-access:{userId}";

    private sealed record AccessState(bool IsActive, string? SecurityStamp);
}
