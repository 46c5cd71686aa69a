using System.Net;
using System.Net.Http.Json;
using Ayuda.Data;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Closing;

/// <summary>
/// A closing notification that cannot go out keeps its ticket Resolved, with the failure in sight: retried by itself
/// while the mail server is down (and the ticket closes once it is out), or, failed for good, the consultant is told and
/// a retry sends it and closes the ticket.
/// </summary>
[Collection(MailServers.Exclusive)]
public sealed class ClosingOutageTests(OneAttemptMailDesk desk) : IClassFixture<OneAttemptMailDesk>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_notification_that_fails_for_good_tells_the_consultant_keeps_the_ticket_resolved_and_a_retry_closes_it()
    {
        var (number, contact, _) = await ClosingNotificationTests.WorkedTicketAsync(desk, "Acopio Cereales del Sur");
        await desk.Mail.StopSmtpAsync();
        try
        {
            await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/resolve", new { resolution = "Se corrigió el arqueo." }, Ct), HttpStatusCode.OK);
            var failed = await Eventually.Async(() => NotificationsAsync(number), n => n.Count == 1 && n[0].GetProperty("state").GetString() == "failed",
                "the closing notification failed for good (one attempt allowed here)");
            Assert.False(string.IsNullOrEmpty(failed[0].GetProperty("lastError").GetString()));
            Assert.Equal("resolved", (await desk.TicketAsync(number)).Str("state"));
            Assert.Contains(await desk.TimelineAsync(number), e => e.Str("kind") == "deliveryFailed");
            var notices = await Api.Json(await desk.Consultant.GetAsync("/api/v1/me/notices", Ct), HttpStatusCode.OK);
            Assert.Contains(notices.GetProperty("items").EnumerateArray(), n => n.Str("text").StartsWith($"La notificación de cierre del ticket {number} no salió"));
        }
        finally
        {
            await desk.Mail.StartSmtpAsync();
        }

        var id = (await NotificationsAsync(number))[0].GetProperty("outboxId").GetInt64();
        await Api.Json(await desk.Consultant.PostAsync($"/api/v1/outbox/{id}/retry", null, Ct), HttpStatusCode.NoContent);
        Assert.Single(await desk.SentToAsync(contact.Email, 1));
        await Eventually.Async(() => desk.TicketAsync(number), t => t.Str("state") == "closed", "closed once the retried notification went out");
    }

    private async Task<List<System.Text.Json.JsonElement>> NotificationsAsync(string number) =>
        [.. (await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{number}/notifications", Ct), HttpStatusCode.OK)).EnumerateArray()];
}

/// <summary>A mail desk whose outbox gives up after one attempt, to see what a failed-for-good message does.</summary>
public sealed class OneAttemptMailDesk : MailDesk
{
    public OneAttemptMailDesk(MailServers mail) : base(DatabaseProvider.Sqlite, null, mail) => App.Settings["Ayuda:Email:MaxSendAttempts"] = "1";
}
