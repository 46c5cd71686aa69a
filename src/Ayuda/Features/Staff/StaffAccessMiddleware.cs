using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Ayuda.Features.Staff;

/// <summary>
/// Runs after authentication: a principal whose user was deactivated (or whose stamp changed) is treated as
/// anonymous, so the API answers 401 and the UI sends the person to the login page.
/// </summary>
public sealed class StaffAccessMiddleware(RequestDelegate next, ILogger<StaffAccessMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, StaffAccess access)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && !await access.IsAllowedAsync(context.User, context.RequestAborted))
        {
            logger.LogInformation("Refused a session of user {UserId}: deactivated or signed out everywhere",
                context.User.FindFirstValue(ClaimTypes.NameIdentifier));
            if (!context.Request.Headers.Authorization.Any())
            {
                // It came in a cookie: drop the cookie too.
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            }
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        await next(context);
    }
}
