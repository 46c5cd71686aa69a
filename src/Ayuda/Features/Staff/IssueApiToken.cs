using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Staff;

/// <summary>
/// Checks email and password (with lockout, like the login page) and issues a bearer token: a data-protected
/// ticket carrying the user's roles and security stamp, so deactivating the user revokes it.
/// </summary>
public sealed class IssueApiToken(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    IOptionsMonitor<BearerTokenOptions> bearer,
    IOptions<ApiTokenOptions> options,
    TimeProvider clock,
    IStringLocalizer<Strings> l,
    ILogger<IssueApiToken> logger)
{
    public sealed record Request(string? Email, string? Password);

    public sealed record Token(string Value, DateTimeOffset ExpiresAt);

    public async Task<Outcome<Token>> ExecuteAsync(Request request)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Email)) errors["email"] = [l["Staff.EmailRequired"]];
            if (string.IsNullOrEmpty(request.Password)) errors["password"] = [l["Staff.PasswordRequired"]];
            return Outcome<Token>.Invalid(errors);
        }
        var user = await users.FindByEmailAsync(request.Email.Trim());
        if (user is null)
        {
            logger.LogInformation("API token refused: unknown email");
            return Refused(l["Login.Invalid"]);
        }
        var check = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            logger.LogWarning("API token refused: user {UserId} is locked out", user.Id);
            return Refused(l["Login.LockedOut"]);
        }
        if (check.IsNotAllowed)
        {
            logger.LogInformation("API token refused: user {UserId} is deactivated", user.Id);
            return Refused(await users.CheckPasswordAsync(user, request.Password) ? l["Login.Deactivated"] : l["Login.Invalid"]);
        }
        if (!check.Succeeded)
        {
            logger.LogInformation("API token refused: wrong password for user {UserId}", user.Id);
            return Refused(l["Login.Invalid"]);
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        var expiresAt = clock.GetUtcNow() + options.Value.TokenLifetime;
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = expiresAt }, IdentityConstants.BearerScheme);
        var value = bearer.Get(IdentityConstants.BearerScheme).BearerTokenProtector.Protect(ticket);
        logger.LogInformation("API token issued to user {UserId} until {ExpiresAt}", user.Id, expiresAt);
        return Outcome<Token>.Ok(new Token(value, expiresAt));
    }

    private static Outcome<Token> Refused(string message) => Outcome<Token>.Fail(message, DomainErrorKind.Invalid);
}
