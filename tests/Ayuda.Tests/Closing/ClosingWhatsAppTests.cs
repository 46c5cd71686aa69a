using System.Net;
using System.Net.Http.Json;
using Ayuda.Data;
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

    [Fact]
    public async Task By_default_a_whatsapp_case_whose_contact_has_an_email_gets_the_notification_on_both()
    {
        var (number, _) = await ResolvedWithEmailAndWhatsAppAsync(desk, "Librería El Ateneo Chico");

        var channels = await Eventually.Async(async () => (await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{number}/notifications", Ct), HttpStatusCode.OK))
            .EnumerateArray().Select(n => (n.Str("channel"), n.Str("state"))).OrderBy(n => n.Item1).ToList(), c => c.Contains(("whatsApp", "sent")), "the WhatsApp copy sent");
        Assert.Equal(["email", "whatsApp"], channels.Select(c => c.Item1));
        // This desk has no SMTP server: the email waits, so the case is not closed until it too is out.
        Assert.Equal("resolved", (await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{number}", Ct), HttpStatusCode.OK)).Str("state"));
    }

    /// <summary>A WhatsApp case from a contact who also has an email address, taken and resolved by Diego.</summary>
    internal static async Task<(string Number, string Wa)> ResolvedWithEmailAndWhatsAppAsync(WhatsAppDesk desk, string customerName)
    {
        var customer = await desk.CustomerInForceAsync(customerName);
        var wa = WhatsAppDesk.NewWaId();
        await Api.Json(await desk.Administration.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/contacts",
            new { name = "Irma Vidal", emails = new[] { $"irma{wa}@{customer.Domain}" }, phones = new[] { new { number = $"+{wa}", whatsApp = true } } }, Ct), HttpStatusCode.Created);
        await desk.DeliverAsync(MetaWebhooks.Text("No me deja cerrar el mes.", from: wa));
        var number = Assert.Single(await desk.TicketsFromAsync(wa)).Str("number");
        await Api.Json(await desk.Consultant.PostAsync($"/api/v1/tickets/{number}/take", null, Ct), HttpStatusCode.OK);
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/resolve", new { resolution = "Se habilitó el cierre del período." }, Ct), HttpStatusCode.OK);
        return (number, wa);
    }
}

/// <summary>A desk set to close WhatsApp cases on WhatsApp only (<c>Ayuda:Closing:WhatsApp = Instead</c>).</summary>
public sealed class WhatsAppInsteadDesk : WhatsAppDesk
{
    public WhatsAppInsteadDesk() : base(DatabaseProvider.Sqlite, null) => App.Settings["Ayuda:Closing:WhatsApp"] = "Instead";
}

public sealed class ClosingWhatsAppInsteadTests(WhatsAppInsteadDesk desk) : IClassFixture<WhatsAppInsteadDesk>
{
    [Fact]
    public async Task Set_to_instead_a_whatsapp_case_is_notified_on_whatsapp_only_and_closes_once_it_is_sent()
    {
        var (number, _) = await ClosingWhatsAppTests.ResolvedWithEmailAndWhatsAppAsync(desk, "Librería Rayuela");

        await Eventually.Async(async () => await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{number}", TestContext.Current.CancellationToken), HttpStatusCode.OK),
            t => t.Str("state") == "closed", "closed once the WhatsApp notification was sent");
        var notifications = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{number}/notifications", TestContext.Current.CancellationToken), HttpStatusCode.OK);
        Assert.Equal(["whatsApp"], notifications.EnumerateArray().Select(n => n.Str("channel")));
    }
}
