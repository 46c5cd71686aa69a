using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Ayuda.Data;
using Ayuda.Testing.WhatsApp;

namespace Ayuda.Tests.Support;

/// <summary>
/// A <see cref="Desk"/> with one WhatsApp number, talking to a local Graph API stand-in. <see cref="DeliverAsync"/>
/// posts webhook payloads to the host signed as Meta signs them; tests use customer numbers nobody else uses.
/// </summary>
public abstract class WhatsAppDesk(DatabaseProvider provider, PostgresServer? postgres) : Desk(provider, postgres), IAsyncLifetime
{
    public const string PhoneNumberId = MetaWebhooks.DefaultPhoneNumberId;
    public const string Token = "EAAG-token-de-prueba";
    public const string AppSecret = "secreto-de-la-app-de-prueba";
    public const string VerifyToken = "verificar-ayuda-2026";

    public GraphApiStandIn Graph { get; } = new();

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        Graph.Register(PhoneNumberId, Token);
        var s = App.Settings;
        s["Ayuda:WhatsApp:GraphBaseUrl"] = Graph.BaseUrl;
        s["Ayuda:WhatsApp:GraphVersion"] = GraphApiStandIn.Version;
        s["Ayuda:WhatsApp:Numbers:0:Name"] = "Mesa";
        s["Ayuda:WhatsApp:Numbers:0:PhoneNumberId"] = PhoneNumberId;
        s["Ayuda:WhatsApp:Numbers:0:DisplayNumber"] = "+54 9 11 5555-0000";
        s["Ayuda:WhatsApp:Numbers:0:AccessToken"] = Token;
        s["Ayuda:WhatsApp:Numbers:0:AppSecret"] = AppSecret;
        s["Ayuda:WhatsApp:Numbers:0:VerifyToken"] = VerifyToken;
        s["Ayuda:Outbox:RetrySeconds"] = "1";
        s["Ayuda:Email:OutboxSeconds"] = "1";
        await InitializeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        Graph.Dispose();
        await DisposeAsync();
    }

    /// <summary>A WhatsApp number (wa_id, digits only) never used before in this run: an Argentine mobile, 549 + area + number.</summary>
    public static string NewWaId() => $"549114{Next() % 10_000_000:D7}";

    /// <summary>Meta calls the webhook: the body as given, with the signature given (Meta's, by default).</summary>
    public async Task<HttpResponseMessage> PostWebhookAsync(byte[] body, string? signature)
    {
        using var client = App.CreateClient();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            content.Headers.Add("X-Hub-Signature-256", signature);
        }
        return await client.PostAsync("/webhooks/whatsapp", content, TestContext.Current.CancellationToken);
    }

    /// <summary>Meta delivers events to the desk's number, signed with the app secret; the webhook must answer 200.</summary>
    public async Task<JsonElement> DeliverAsync(params WebhookEvent[] events)
    {
        var body = MetaWebhooks.Payload(events);
        return await Api.Json(await PostWebhookAsync(body, MetaWebhooks.Sign(body, AppSecret)), HttpStatusCode.OK);
    }

    /// <summary>Waits until the WhatsApp tickets from <paramref name="waId"/> number <paramref name="count"/>; oldest first.</summary>
    public Task<List<JsonElement>> TicketsFromAsync(string waId, int count = 1) =>
        Eventually.Async(async () =>
        {
            var page = await Api.Json(await Consultant.GetAsync("/api/v1/tickets?channel=whatsApp&limit=200&sort=newest", TestContext.Current.CancellationToken), HttpStatusCode.OK);
            return page.Items().Where(t => t.GetProperty("from").GetString() == $"+{waId}").Reverse().ToList();
        }, tickets => tickets.Count >= count, $"{count} WhatsApp ticket(s) from {waId}");

    public async Task<List<JsonElement>> MessagesAsync(string number) =>
        [.. (await Api.Json(await Consultant.GetAsync($"/api/v1/tickets/{number}/messages", TestContext.Current.CancellationToken), HttpStatusCode.OK)).EnumerateArray()];

    /// <summary>Waits until the ticket holds <paramref name="count"/> messages (in and out).</summary>
    public Task<List<JsonElement>> MessagesAsync(string number, int count) =>
        Eventually.Async(() => MessagesAsync(number), messages => messages.Count >= count, $"{count} message(s) on {number}");
}

public sealed class SqliteWhatsAppDesk() : WhatsAppDesk(DatabaseProvider.Sqlite, null);

public sealed class PostgresWhatsAppDesk(PostgresServer postgres) : WhatsAppDesk(DatabaseProvider.Postgres, postgres);
