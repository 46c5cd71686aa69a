using System.Net.Http.Headers;
using Ayuda.Features.Customers;
using Ayuda.Testing.WhatsApp;
using Xunit;
using static Ayuda.E2E.Journey;
using static Microsoft.Playwright.Assertions;

namespace Ayuda.E2E;

/// <summary>
/// The administrator connects a WhatsApp number on the settings page; a customer writes on WhatsApp; the message is a
/// ticket; the consultant answers from the ticket and Meta (a local stand-in of the Graph API) receives exactly that.
/// </summary>
public sealed class WhatsAppJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IDisposable
{
    private const string Password = "Desk-E2e-2026x";
    private const string PhoneNumberId = "109876543210987";
    private const string Token = "EAAG-e2e-token";
    private const string AppSecret = "secreto-app-e2e";
    private readonly GraphApiStandIn _graph = new();

    public void Dispose() => _graph.Dispose();

    [Fact]
    public async Task A_whatsapp_message_becomes_a_ticket_and_the_consultant_answers_it_on_whatsapp()
    {
        _graph.Register(PhoneNumberId, Token);
        var api = new DeskApi(fixture.BaseUrl);
        var consultant = await api.StaffAsync("Valeria Quiroga", Password, "Consultant");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var customer = await api.CustomerAsync("Ferretería El Tornillo", Cuit.Complete("3070998877")!);
        await api.ContactAsync(customer, "Oscar Luna", "+54 9 11 6123-4567");
        await api.AgreementAsync(customer, today.AddMonths(-1), today.AddMonths(11));

        var page = await fixture.NewPageAsync();
        var second = await fixture.NewPageAsync();
        try
        {
            // The administrator connects the number.
            await LoginAsync(page, E2EApp.AdminEmail, E2EApp.AdminPassword);
            await OpenAsync(page, "/settings/whatsapp");
            await page.GetByTestId("add-number").ClickAsync();
            await Input(page, "wa-name").FillAsync("Mesa");
            await Input(page, "wa-display").FillAsync("+54 9 11 5555-0000");
            await Input(page, "wa-id").FillAsync(PhoneNumberId);
            await Input(page, "wa-token").FillAsync(Token);
            await Input(page, "wa-secret").FillAsync(AppSecret);
            await Input(page, "wa-verify").FillAsync("verificar-e2e");
            await page.GetByText("Avanzado").ClickAsync();
            await page.GetByLabel("Graph API").FillAsync(_graph.BaseUrl);
            await page.GetByTestId("save-whatsapp-settings").ClickAsync();
            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Configuración de WhatsApp guardada");
            await page.GetByTestId("wa-test").ClickAsync();
            await Expect(page.GetByTestId("wa-test-result")).ToContainTextAsync("Meta reconoce el número");
            await Expect(page.GetByTestId("webhook-url")).ToContainTextAsync("/webhooks/whatsapp");
            await BrowserFixture.ScreenshotAsync(page, "60-whatsapp-settings.png");

            // Oscar writes on WhatsApp: Meta calls the webhook, signed.
            const string wa = "5491161234567";
            var body = MetaWebhooks.Payload(new WebhookBusiness("102290129340398", PhoneNumberId, "5491155550000"),
                MetaWebhooks.Text("Hola, la balanza no manda el peso al sistema", from: wa, profileName: "Oscar"));
            using (var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) })
            using (var content = new ByteArrayContent(body))
            {
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                content.Headers.Add("X-Hub-Signature-256", MetaWebhooks.Sign(body, AppSecret));
                (await http.PostAsync("/webhooks/whatsapp", content)).EnsureSuccessStatusCode();
            }
            var number = await Eventually(async () =>
            {
                var list = await api.GetAsync("/api/v1/tickets?channel=whatsApp&limit=50");
                return list.GetProperty("items").EnumerateArray().Where(t => t.GetProperty("from").GetString() == $"+{wa}").Select(t => t.GetProperty("number").GetString()).FirstOrDefault();
            });

            await LoginAsync(second, consultant, Password);
            await OpenAsync(second, $"/tickets/{number}");
            await Expect(second.GetByTestId("ticket-number")).ToHaveTextAsync(number);
            await Expect(second.Locator("[data-testid='message-card'][data-direction='in']")).ToContainTextAsync("la balanza no manda el peso");
            await Expect(second.GetByTestId("reply-whatsapp-to")).ToContainTextAsync("por WhatsApp");
            await Expect(second.GetByTestId("reply-window")).ToContainTextAsync("Ventana de atención abierta");
            await Input(second, "reply-text").FillAsync("Oscar, reiniciá la balanza y probá de nuevo; si sigue, te llamo.");
            await second.GetByTestId("reply-send").ClickAsync();

            var reply = await Eventually(() => Task.FromResult(_graph.Sends.FirstOrDefault(s => s.StatusCode == 200
                && s.Json?.GetProperty("type").GetString() == "text"
                && s.Json.Value.GetProperty("text").GetProperty("body").GetString()!.StartsWith("Oscar, reiniciá", StringComparison.Ordinal))));
            Assert.Equal(wa, reply.Json!.Value.GetProperty("to").GetString());
            Assert.Equal(PhoneNumberId, reply.PhoneNumberId);
            Assert.Equal($"Bearer {Token}", reply.Authorization);

            // Meta reports it read; the consultant sees it on the message.
            var read = MetaWebhooks.Payload(new WebhookBusiness("102290129340398", PhoneNumberId, "5491155550000"), MetaWebhooks.Read(reply.Wamid!, wa));
            using (var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) })
            using (var content = new ByteArrayContent(read))
            {
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                content.Headers.Add("X-Hub-Signature-256", MetaWebhooks.Sign(read, AppSecret));
                (await http.PostAsync("/webhooks/whatsapp", content)).EnsureSuccessStatusCode();
            }
            await OpenAsync(second, $"/tickets/{number}");
            await Expect(second.Locator("[data-testid='message-card'][data-direction='out']").Filter(new() { HasText = "Oscar, reiniciá" }).GetByTestId("delivery-read")).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(second, "61-whatsapp-ticket.png");
        }
        finally
        {
            await page.Context.CloseAsync();
            await second.Context.CloseAsync();
        }
    }

    private static async Task<T> Eventually<T>(Func<Task<T?>> probe)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("Not within 20 s.");
    }
}
