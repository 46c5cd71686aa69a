using System.Net;
using System.Net.Http.Json;
using Ayuda.Testing.WhatsApp;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Closing;

/// <summary>A case that came by WhatsApp also ends there: the closing notification goes to the customer's WhatsApp.</summary>
public sealed class ClosingWhatsAppTests(SqliteWhatsAppDesk desk) : IClassFixture<SqliteWhatsAppDesk>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_whatsapp_case_gets_its_closing_notification_on_whatsapp_and_closes_once_it_is_sent()
    {
        var customer = await desk.CustomerInForceAsync("Kiosco La Esquina");
        var wa = WhatsAppDesk.NewWaId();
        await Api.Json(await desk.Administration.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/contacts",
            new { name = "Marcelo Ríos", phones = new[] { new { number = $"+{wa}", whatsApp = true } } }, Ct), HttpStatusCode.Created);
        await desk.DeliverAsync(MetaWebhooks.Text("Hola, el lector de códigos no lee.", from: wa));
        var number = Assert.Single(await desk.TicketsFromAsync(wa)).Str("number");
        await Api.Json(await desk.Consultant.PostAsync($"/api/v1/tickets/{number}/take", null, Ct), HttpStatusCode.OK);

        var resolved = await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/resolve",
            new { resolution = "Reconfiguramos el lector en modo teclado; ya lee." }, Ct), HttpStatusCode.OK);
        Assert.Equal("resolved", resolved.Str("state"));

        var texts = await Eventually.Async(() => Task.FromResult(desk.Graph.Sends
                .Where(s => s.StatusCode == 200 && s.Json?.GetProperty("to").GetString() == wa && s.Json.Value.GetProperty("type").GetString() == "text")
                .Select(s => s.Json!.Value.GetProperty("text").GetProperty("body").GetString()!).ToList()),
            sent => sent.Any(t => t.Contains("Reconfiguramos el lector", StringComparison.Ordinal)), $"the closing notification sent to {wa}");
        var closing = Assert.Single(texts, t => t.Contains("Reconfiguramos el lector", StringComparison.Ordinal));
        Assert.Contains($"el caso {number} quedó resuelto", closing);
        await Eventually.Async(async () => await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{number}", Ct), HttpStatusCode.OK),
            t => t.Str("state") == "closed", "closed once the WhatsApp notification was sent");
    }
}
