using System.Net;
using System.Net.Http.Json;
using Ayuda.Testing.WhatsApp;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Feedback;

/// <summary>A complaint that came in on WhatsApp is acknowledged on WhatsApp, in the same conversation.</summary>
public sealed class FeedbackWhatsAppTests(SqliteWhatsAppDesk desk) : IClassFixture<SqliteWhatsAppDesk>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_complaint_from_a_whatsapp_ticket_is_acknowledged_on_whatsapp()
    {
        var customer = await desk.CustomerInForceAsync("Verdulería Los Andes");
        var wa = WhatsAppDesk.NewWaId();
        await desk.DeliverAsync(MetaWebhooks.Text("Quiero hacer un reclamo: el técnico nunca vino.", from: wa));
        var ticket = Assert.Single(await desk.TicketsFromAsync(wa)).Str("number");

        var entry = await Api.Json(await desk.Administration.PostAsJsonAsync("/api/v1/feedback",
            new { ticketNumber = ticket, kind = "complaint", customerId = customer.Id, category = "service", description = "El técnico nunca vino a la visita pactada." }, Ct), HttpStatusCode.Created);
        Assert.Equal(("sent", "whatsApp", $"+{wa}"), (entry.Str("acknowledgement"), entry.Str("acknowledgedVia"), entry.Str("acknowledgedTo")));

        // The ticket's own acknowledgement went first; the complaint's follows in the same conversation.
        var texts = await Eventually.Async(() => Task.FromResult(desk.Graph.Sends
                .Where(s => s.StatusCode == 200 && s.Json?.GetProperty("to").GetString() == wa && s.Json.Value.GetProperty("type").GetString() == "text")
                .Select(s => s.Json!.Value.GetProperty("text").GetProperty("body").GetString()!).ToList()),
            sent => sent.Any(t => t.Contains(entry.Str("number"), StringComparison.Ordinal)), $"the acknowledgement of {entry.Str("number")} sent to {wa}");
        var text = Assert.Single(texts, t => t.Contains(entry.Str("number"), StringComparison.Ordinal));
        Assert.Contains($"Registramos su reclamo con el número {entry.Str("number")}", text);
        Assert.Contains("El técnico nunca vino a la visita pactada.", text);
    }
}
