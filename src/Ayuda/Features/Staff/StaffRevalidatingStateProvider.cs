using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Ayuda.Features.Staff;

/// <summary>
/// A live UI session (Blazor circuit) re-checks every minute that its user is still active with the same
/// security stamp; a deactivated user's open pages stop working without waiting for the cookie to expire.
/// </summary>
internal sealed class StaffRevalidatingStateProvider(ILoggerFactory loggerFactory, StaffAccess access)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken) =>
        state.User.Identity?.IsAuthenticated != true || await access.IsAllowedAsync(state.User, cancellationToken);
}
