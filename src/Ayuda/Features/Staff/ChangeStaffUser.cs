using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Staff;

/// <summary>Changes an existing staff member: roles, active or not, language. One class, three small rules.</summary>
public sealed class ChangeStaffUser(
    IServiceScopeFactory scopes,
    StaffQueries queries,
    StaffAccess access,
    StaffChanges changes,
    IStringLocalizer<Strings> l,
    ILogger<ChangeStaffUser> logger)
{
    public async Task<Outcome<StaffSummary>> SetRolesAsync(string actingUserId, string userId, IReadOnlyList<string>? roles, CancellationToken cancellationToken)
    {
        var errors = CreateStaffUser.ValidateRoles(roles, l);
        if (errors.Count > 0)
        {
            return Outcome<StaffSummary>.Invalid(errors);
        }
        return await WithUserAsync(userId, cancellationToken, async (users, user) =>
        {
            var wanted = roles!.Distinct().ToList();
            if (actingUserId == userId && !wanted.Contains(Roles.SystemAdmin))
            {
                return l["Staff.CannotDropOwnAdmin"];
            }
            if (!wanted.Contains(Roles.SystemAdmin) && await IsLastActiveAdminAsync(users, user))
            {
                return l["Staff.LastAdmin"];
            }
            var current = await users.GetRolesAsync(user);
            var result = await users.RemoveFromRolesAsync(user, current.Except(wanted));
            if (result.Succeeded)
            {
                result = await users.AddToRolesAsync(user, wanted.Except(current));
            }
            // New roles take effect at the next check of cookies and tokens.
            await users.UpdateSecurityStampAsync(user);
            logger.LogInformation("Roles of staff user {UserId} set to {Roles} by {ActingUserId}", userId, wanted, actingUserId);
            return result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));
        });
    }

    public Task<Outcome<StaffSummary>> SetActiveAsync(string actingUserId, string userId, bool active, CancellationToken cancellationToken) =>
        WithUserAsync(userId, cancellationToken, async (users, user) =>
        {
            if (!active && actingUserId == userId)
            {
                return l["Staff.CannotDeactivateSelf"];
            }
            if (!active && await users.IsInRoleAsync(user, Roles.SystemAdmin) && await IsLastActiveAdminAsync(users, user))
            {
                return l["Staff.LastAdmin"];
            }
            if (active)
            {
                user.Activate();
            }
            else
            {
                user.Deactivate();
            }
            var result = await users.UpdateAsync(user);
            logger.LogInformation("Staff user {UserId} {Change} by {ActingUserId}", userId, active ? "activated" : "deactivated", actingUserId);
            return result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));
        });

    public async Task<Outcome<StaffSummary>> SetLanguageAsync(string userId, string? language, CancellationToken cancellationToken)
    {
        if (!StaffLanguages.IsSupported(language))
        {
            return Outcome<StaffSummary>.Invalid("language", l["Staff.LanguageUnknown", language ?? "", string.Join(", ", StaffLanguages.All)]);
        }
        return await WithUserAsync(userId, cancellationToken, async (users, user) =>
        {
            user.Language = language!;
            var result = await users.UpdateAsync(user);
            return result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));
        });
    }

    private static async Task<bool> IsLastActiveAdminAsync(UserManager<StaffUser> users, StaffUser user)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.SystemAdmin);
        return admins.Count(a => a.IsActive && a.Id != user.Id) == 0;
    }

    /// <summary>Loads the user in a fresh scope, applies the change (null = fine, else the refusal), returns the new state.</summary>
    private async Task<Outcome<StaffSummary>> WithUserAsync(
        string userId, CancellationToken cancellationToken, Func<UserManager<StaffUser>, StaffUser, Task<string?>> change)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Outcome<StaffSummary>.Fail(l["Staff.NotFound"], DomainErrorKind.NotFound);
        }
        var refusal = await change(users, user);
        access.Forget(userId);
        changes.Happened();
        if (refusal is not null)
        {
            return Outcome<StaffSummary>.Fail(refusal);
        }
        return Outcome<StaffSummary>.Ok((await queries.FindAsync(userId, cancellationToken))!);
    }
}
