using System.ComponentModel.DataAnnotations;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Staff;

/// <summary>Creates a staff member with their roles. Used by the staff page, the API and the bootstrap.</summary>
public sealed class CreateStaffUser(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    StaffQueries queries,
    StaffChanges changes,
    IStringLocalizer<Strings> l,
    ILogger<CreateStaffUser> logger)
{
    public const int MaxNameLength = 120;

    public async Task<Outcome<StaffSummary>> ExecuteAsync(NewStaffUser input, CancellationToken cancellationToken)
    {
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return Outcome<StaffSummary>.Invalid(errors);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = input.Email!.Trim();
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = input.Name!.Trim(),
            Language = input.Language ?? StaffLanguages.Default,
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            return Outcome<StaffSummary>.Invalid(IdentityErrors(created));
        }
        var withRoles = await users.AddToRolesAsync(user, input.Roles!.Distinct());
        if (!withRoles.Succeeded)
        {
            await users.DeleteAsync(user);
            return Outcome<StaffSummary>.Invalid(IdentityErrors(withRoles));
        }
        changes.Happened();
        logger.LogInformation("Staff user {UserId} created with roles {Roles}", user.Id, input.Roles);
        return Outcome<StaffSummary>.Ok((await queries.FindAsync(user.Id, cancellationToken))!);
    }

    private Dictionary<string, string[]> Validate(NewStaffUser input)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Email))
        {
            errors["email"] = [l["Staff.EmailRequired"]];
        }
        else if (!new EmailAddressAttribute().IsValid(input.Email.Trim()) || !input.Email.Contains('.'))
        {
            errors["email"] = [l["Staff.EmailInvalid", input.Email]];
        }
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors["name"] = [l["Staff.NameRequired"]];
        }
        else if (input.Name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [l["Staff.NameTooLong", MaxNameLength]];
        }
        if (string.IsNullOrEmpty(input.Password))
        {
            errors["password"] = [l["Staff.PasswordRequired"]];
        }
        errors.AddRange(ValidateRoles(input.Roles, l));
        if (input.Language is not null && !StaffLanguages.IsSupported(input.Language))
        {
            errors["language"] = [l["Staff.LanguageUnknown", input.Language, string.Join(", ", StaffLanguages.All)]];
        }
        return errors;
    }

    internal static Dictionary<string, string[]> ValidateRoles(IReadOnlyList<string>? roles, IStringLocalizer<Strings> l)
    {
        var errors = new Dictionary<string, string[]>();
        if (roles is null || roles.Count == 0)
        {
            errors["roles"] = [l["Staff.RolesRequired"]];
        }
        else
        {
            var unknown = roles.Where(r => !Roles.IsKnown(r)).ToList();
            if (unknown.Count > 0)
            {
                errors["roles"] = [l["Staff.RolesUnknown", string.Join(", ", unknown), string.Join(", ", Roles.All)]];
            }
        }
        return errors;
    }

    /// <summary>Identity's errors by field: password rules under "password", the rest under "email".</summary>
    internal static Dictionary<string, string[]> IdentityErrors(IdentityResult result) => result.Errors
        .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password"
            : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "email"
            : "")
        .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}

internal static class DictionaryExtensions
{
    public static void AddRange(this Dictionary<string, string[]> target, Dictionary<string, string[]> source)
    {
        foreach (var (key, value) in source)
        {
            target[key] = value;
        }
    }
}
