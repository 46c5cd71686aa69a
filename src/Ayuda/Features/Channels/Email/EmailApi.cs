using Ayuda.Features.Notifications;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Channels.Email;

/// <summary><c>POST /api/v1/channels/email/raw</c>: a mail server pipes one raw RFC 822 message in.</summary>
public static class EmailApi
{
    public sealed record ImportResponse(string Outcome, string? TicketNumber, string? Reason);

    public static RouteGroupBuilder MapEmailApi(this RouteGroupBuilder api)
    {
        api.MapPost("/channels/email/raw", async (HttpRequest request, EmailImporter importer, CancellationToken ct) =>
            {
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer, ct);
                var result = await importer.ImportSafelyAsync(buffer.ToArray(), "api", ct);
                var body = new ImportResponse(Tickets.Ticket.Code(result.Outcome), result.TicketNumber, result.Reason);
                return result.Outcome is ImportOutcome.NewTicket ? Results.Created($"/api/v1/tickets/{result.TicketNumber}", body) : Results.Ok(body);
            })
            .RequireAuthorization(Policies.Channels)
            .WithTags("Channels")
            .WithSummary("Import one raw email (RFC 822): 201 new ticket; 200 joined, duplicate, ignored (auto-reply, loop), bounced or quarantined with the reason");
        api.MapPost("/outbox/{id:long}/retry", async Task<IResult> (long id, RetryDelivery retry, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await retry.ExecuteAsync(id, ct)).ToResult(_ => TypedResults.NoContent(), l))
            .RequireAuthorization(Policies.Implementation)
            .WithTags("Channels")
            .WithSummary("Send a failed message again");

        api.MapGet("/channels/email/quarantine", (QuarantineQueries queries, CancellationToken ct, int limit = 100) => queries.ListAsync(limit, ct))
            .RequireAuthorization(Policies.Intake)
            .WithTags("Channels")
            .WithSummary("Messages that could not be imported, newest first, with the reason");

        var settings = api.MapGroup("/settings/email").RequireAuthorization(Policies.ManageStaff).WithTags("Settings");
        settings.MapGet("", (EmailSettingsEditor editor) => editor.Current())
            .WithSummary("The email settings (passwords are never returned; hasPassword says whether one is stored)");
        settings.MapPut("", async Task<IResult> (EmailSettingsForm form, EmailSettingsEditor editor, HttpContext http, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await editor.SaveAsync(form, http.User.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .WithSummary("Save the email settings: applies at once without a restart; an empty password keeps the stored one; 409 if someone saved since 'version'");
        settings.MapPost("/test-smtp", (SmtpForm form, EmailSettingsEditor editor, CancellationToken ct) => editor.TestSmtpAsync(form, ct))
            .WithSummary("Try an SMTP server as given (unsaved): connects, authenticates, says in words what failed");
        settings.MapPost("/test-mailbox", (MailboxForm form, EmailSettingsEditor editor, CancellationToken ct) => editor.TestMailboxAsync(form, ct))
            .WithSummary("Try a mailbox as given (unsaved): connects, authenticates, opens the folder, checks the processed folder");
        return api;
    }
}
