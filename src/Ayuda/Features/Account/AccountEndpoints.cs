using System.Security.Claims;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Ayuda.Features.Account;

/// <summary>Form posts of the UI that change the sign-in cookie: sign out, change language. Antiforgery is checked.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithMetadata(new RequireAntiforgeryTokenAttribute());

        account.MapPost("/logout", async (SignInManager<StaffUser> signIn, ClaimsPrincipal user, ILoggerFactory logs) =>
        {
            if (user.Identity?.IsAuthenticated == true)
            {
                logs.CreateLogger(nameof(AccountEndpoints)).LogInformation("User {UserId} signed out", user.StaffId());
            }
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        });

        account.MapPost("/language", async (
            [FromForm] string language, [FromForm] string? returnUrl,
            ClaimsPrincipal user, ChangeStaffUser change, UserManager<StaffUser> users, SignInManager<StaffUser> signIn,
            HttpContext context, CancellationToken ct) =>
        {
            if (!StaffLanguages.IsSupported(language))
            {
                return Results.BadRequest();
            }
            context.Response.RememberLanguage(language);
            if (user.Identity?.IsAuthenticated == true)
            {
                await change.SetLanguageAsync(user.StaffId(), language, ct);
                // Re-issue the cookie so the new language travels with the session.
                if (await users.GetUserAsync(user) is { } staff)
                {
                    await signIn.RefreshSignInAsync(staff);
                }
            }
            return Results.LocalRedirect(LocalPath.OrHome(returnUrl));
        });

        return app;
    }
}
