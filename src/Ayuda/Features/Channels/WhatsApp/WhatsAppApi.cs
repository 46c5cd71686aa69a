using System.Security.Claims;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Channels.WhatsApp;

/// <summary>The WhatsApp settings, and the channel alerts SystemAdmin must act on.</summary>
public static class WhatsAppApi
{
    public static RouteGroupBuilder MapWhatsAppApi(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/settings/whatsapp").RequireAuthorization(Policies.ManageStaff).WithTags("Settings");
        settings.MapGet("", (WhatsAppSettingsEditor editor) => editor.Current())
            .WithSummary("The WhatsApp settings; secrets are never returned (hasAccessToken, hasAppSecret, hasVerifyToken say whether one is stored)");
        settings.MapPut("", async Task<IResult> (WhatsAppSettingsForm form, WhatsAppSettingsEditor editor, ClaimsPrincipal user, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await editor.SaveAsync(form, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .WithSummary("Save: numbers (empty secrets keep the stored ones), join window, acknowledgement, templates per kind; applies at once; 409 if someone saved since 'version'");
        settings.MapPost("/test", (WhatsAppNumberForm form, WhatsAppSettingsEditor editor, CancellationToken ct) => editor.TestAsync(form, ct))
            .WithSummary("Ask Meta about a number with its token (typed or stored): {ok, message}");

        api.MapGet("/channels/alerts", (ChannelAlerts alerts, CancellationToken ct) => alerts.OpenAsync(ct))
            .RequireAuthorization(Policies.ManageStaff)
            .WithTags("Channels")
            .WithSummary("Open channel alerts: a WhatsApp token revoked or expired (190), customers out of the 24-hour window (131047)");
        return api;
    }
}
