using System.Security.Claims;
using Ayuda.Infrastructure;

namespace Ayuda.Features.Notifications;

/// <summary><c>/api/v1/me/notices</c>: the bell, for the signed-in staff member.</summary>
public static class NoticesApi
{
    public static RouteGroupBuilder MapNoticesApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me/notices").WithTags("Notices");
        me.MapGet("", (StaffNotices notices, ClaimsPrincipal user, CancellationToken ct, int limit = 30) => notices.ForAsync(user.StaffId(), limit, ct))
            .WithSummary("My notices, newest first, with how many are unread");
        me.MapPost("/read", async (StaffNotices notices, ClaimsPrincipal user, CancellationToken ct) =>
            {
                await notices.MarkReadAsync(user.StaffId(), ct);
                return Results.NoContent();
            })
            .WithSummary("Mark all my notices read");
        return api;
    }
}
