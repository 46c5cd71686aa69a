using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ayuda.Features.Channels;
using Ayuda.Testing.WhatsApp;
using Ayuda.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Tests.WhatsApp;

/// <summary>
/// Meta calls the webhook: only signed payloads are taken, each message exactly once; the sender is identified by
/// number through the Intake door; their next messages join the same ticket; every message type shows on the ticket.
/// </summary>
public abstract class WhatsAppInboundTests(WhatsAppDesk desk)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The newest message sent to <paramref name="wa"/>, once there is one (the fixture's other tests send too).</summary>
    private async Task<GraphRequest> SentToAsync(string wa) =>
        (await Eventually.Async(() => Task.FromResult(desk.Graph.Sends.Where(s => s.Json?.GetProperty("to").GetString() == wa).ToList()),
            sent => sent.Count > 0, $"a message sent to {wa}")).Last();

    [Fact]
    public async Task The_verification_handshake_echoes_the_challenge_only_for_the_right_token()
    {
        using var meta = desk.App.CreateClient();
        var ok = await meta.GetAsync($"/webhooks/whatsapp{MetaWebhooks.VerificationQuery(WhatsAppDesk.VerifyToken, "1158201444")}", Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync(Ct));
        Assert.Equal("text/plain", ok.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.Forbidden, (await meta.GetAsync($"/webhooks/whatsapp{MetaWebhooks.VerificationQuery("otro-token", "1158201444")}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await meta.GetAsync($"/webhooks/whatsapp{MetaWebhooks.VerificationQuery(WhatsAppDesk.VerifyToken, "1158201444", mode: "unsubscribe")}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_payload_with_a_bad_or_missing_signature_gets_401_and_nothing_is_stored()
    {
        var wa = WhatsAppDesk.NewWaId();
        var body = MetaWebhooks.Payload(MetaWebhooks.Text("Hola, no anda el sistema", from: wa));
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.PostWebhookAsync(body, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.PostWebhookAsync(body, MetaWebhooks.Sign(body, "otro-secreto"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.PostWebhookAsync(body, "sha256=zz")).StatusCode);
        // Signed over other bytes (the same JSON re-serialised differently) is not the same signature.
        var other = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\\u00e9", "é") + " ");
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.PostWebhookAsync(other, MetaWebhooks.Sign(body, WhatsAppDesk.AppSecret))).StatusCode);

        await using var db = await desk.App.DbAsync();
        Assert.False(await db.InboundMessages.AnyAsync(m => m.From == $"+{wa}", Ct));
    }

    [Fact]
    public async Task An_unknown_number_opens_a_triage_ticket_once_however_often_meta_redelivers()
    {
        var wa = WhatsAppDesk.NewWaId();
        var message = MetaWebhooks.Text("Buenas tardes, no puedo entrar al sistema de facturación", from: wa, profileName: "Hugo Ferreyra");
        var first = await desk.DeliverAsync(message);
        Assert.Equal(1, first.GetProperty("messages").GetInt32());
        var again = await desk.DeliverAsync(message);
        Assert.Equal(0, again.GetProperty("messages").GetInt32());
        Assert.Equal(1, again.GetProperty("duplicates").GetInt32());

        var ticket = Assert.Single(await desk.TicketsFromAsync(wa));
        Assert.Equal("triage", ticket.Str("state"));
        Assert.Equal("Buenas tardes, no puedo entrar al sistema de facturación", ticket.Str("subject"));
        var detail = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{ticket.Str("number")}", Ct), HttpStatusCode.OK);
        Assert.Contains("Hugo Ferreyra", detail.Str("description"));
        await Task.Delay(500, Ct);
        Assert.Single(await desk.MessagesAsync(ticket.Str("number")), m => m.Str("direction") == "in");
    }

    [Fact]
    public async Task A_known_contact_is_identified_even_stored_without_the_mobile_9_gets_an_acknowledgement_and_their_next_message_joins()
    {
        var customer = await desk.CustomerInForceAsync("Estancia La Paloma");
        var contact = await desk.ContactAsync(customer, "Julieta Campos");
        // The contact was typed as a landline-style number (+54 11 4xxx-xxxx); WhatsApp writes mobiles as 549 11 4xxx-xxxx.
        var wa = "549" + Desk.E164(contact.Phone)[3..];
        await desk.DeliverAsync(MetaWebhooks.Text("Hola, el remito electrónico da error 500", from: wa));
        var ticket = Assert.Single(await desk.TicketsFromAsync(wa));
        Assert.Equal("pending", ticket.Str("state"));
        Assert.Equal("Estancia La Paloma", ticket.GetProperty("customer").Str("name"));
        Assert.Equal("Julieta Campos", ticket.Str("contactName"));

        // The acknowledgement goes out as text (the customer just wrote), to their wa_id, naming the ticket.
        var ack = await SentToAsync(wa);
        Assert.Equal("text", ack.Json!.Value.GetProperty("type").GetString());
        Assert.Contains(ticket.Str("number"), ack.Json.Value.GetProperty("text").GetProperty("body").GetString());
        Assert.Equal($"Bearer {WhatsAppDesk.Token}", ack.Authorization);

        await desk.DeliverAsync(MetaWebhooks.Text("Adjunto más datos en un rato", from: wa));
        var messages = await desk.MessagesAsync(ticket.Str("number"), 3);
        Assert.Single(await desk.TicketsFromAsync(wa));
        Assert.Equal(["in", "out", "in"], messages.Select(m => m.Str("direction")));
        Assert.Equal("Adjunto más datos en un rato", messages[2].Str("text"));
    }

    [Fact]
    public async Task A_contact_of_a_customer_without_agreement_is_told_on_whatsapp_that_the_project_manager_will_call()
    {
        var customer = await desk.CustomerExpiredAsync("Vivero Los Ceibos");
        var contact = await desk.ContactAsync(customer, "Mirta Ojeda");
        var wa = Desk.E164(contact.Phone).TrimStart('+');
        await desk.DeliverAsync(MetaWebhooks.Text("Necesito que me habiliten otra terminal", from: wa));
        var ticket = Assert.Single(await desk.TicketsFromAsync(wa));
        Assert.Equal("regularisation", ticket.Str("state"));

        var notice = await SentToAsync(wa);
        Assert.Equal("text", notice.Json!.Value.GetProperty("type").GetString());
        var text = notice.Json.Value.GetProperty("text").GetProperty("body").GetString()!;
        Assert.StartsWith("Hola Mirta Ojeda:", text);
        Assert.Contains("el acuerdo de soporte de Vivero Los Ceibos no está vigente", text);
        Assert.Contains("Gerente de Proyectos", text);
        Assert.DoesNotContain("te respondemos por este medio", text);
    }

    [Fact]
    public async Task Every_message_type_shows_on_the_ticket_and_an_unknown_one_never_blocks_the_channel()
    {
        var wa = WhatsAppDesk.NewWaId();
        var photo = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        var voice = new byte[] { (byte)'O', (byte)'g', (byte)'g', (byte)'S', 0, 2, 0, 0, 0, 0, 0, 0, 0, 0 };
        var (imageId, documentId, audioId, videoId, stickerId) = (MetaWebhooks.NewMediaId(), MetaWebhooks.NewMediaId(), MetaWebhooks.NewMediaId(), MetaWebhooks.NewMediaId(), MetaWebhooks.NewMediaId());
        desk.Graph.AddMedia(imageId, photo, "image/jpeg");
        desk.Graph.AddMedia(documentId, pdf, "application/pdf");
        desk.Graph.AddMedia(audioId, voice, "audio/ogg; codecs=opus");
        desk.Graph.AddMedia(videoId, [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'m', (byte)'p', (byte)'4', (byte)'2'], "video/mp4");
        desk.Graph.AddMedia(stickerId, Encoding.ASCII.GetBytes("RIFF\0\0\0\0WEBPVP8 "), "image/webp");

        await desk.DeliverAsync(MetaWebhooks.Text("Les mando todo lo que pidieron", from: wa));
        var number = Assert.Single(await desk.TicketsFromAsync(wa)).Str("number");
        var events = new WebhookEvent[]
        {
            MetaWebhooks.Image(imageId, caption: "Pantalla del error", from: wa),
            MetaWebhooks.Document(documentId, "factura 0001-00001234.pdf", from: wa),
            MetaWebhooks.Audio(audioId, voice: true, from: wa),
            MetaWebhooks.Video(videoId, caption: "Así pasa", from: wa),
            MetaWebhooks.Sticker(stickerId, from: wa),
            MetaWebhooks.Location(-34.6037, -58.3816, name: "Depósito Central", address: "Av. de Mayo 500, CABA", from: wa),
            MetaWebhooks.Contacts([new SharedContact("Marcelo Sosa") { Phones = [new SharedPhone("+54 9 11 5555-1234")], Emails = [new SharedEmail("msosa@ejemplo.com.ar")], Company = "Estancia" }], from: wa),
            MetaWebhooks.ButtonReply("wamid.contexto-1", "si", "Sí, sigue fallando", from: wa),
            MetaWebhooks.ListReply("wamid.contexto-2", "urgente", "Urgente", "Frena la facturación", from: wa),
            MetaWebhooks.Button("wamid.contexto-3", "ok", "Entendido", from: wa),
            MetaWebhooks.Unsupported(from: wa),
            MetaWebhooks.Raw("poll", new System.Text.Json.Nodes.JsonObject { ["question"] = "¿Funciona?" }, from: wa),
            MetaWebhooks.Text("¿Les llegó todo?", from: wa),
        };
        await desk.DeliverAsync(events);
        var messages = await desk.MessagesAsync(number, 1 + 1 + events.Length);
        var inbound = messages.Where(m => m.Str("direction") == "in").ToList();
        string TextOf(int i) => inbound[i].Str("text");

        Assert.Equal("[Imagen] Pantalla del error", TextOf(1));
        var image = Assert.Single(inbound[1].GetProperty("attachments").EnumerateArray());
        Assert.Equal("image/jpeg", image.Str("contentType"));
        var bytes = await (await desk.Consultant.GetAsync($"/api/v1/attachments/{image.GetProperty("id").GetInt64()}", Ct)).Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(photo, bytes);
        Assert.Equal("[Documento factura 0001-00001234.pdf]", TextOf(2));
        Assert.Equal("factura 0001-00001234.pdf", inbound[2].GetProperty("attachments")[0].Str("fileName"));
        Assert.Equal("application/pdf", inbound[2].GetProperty("attachments")[0].Str("contentType"));
        Assert.Equal("[Mensaje de voz]", TextOf(3));
        Assert.Equal("[Video] Así pasa", TextOf(4));
        Assert.Equal("[Sticker]", TextOf(5));
        Assert.Contains("Depósito Central, Av. de Mayo 500, CABA (-34.6037, -58.3816)", TextOf(6));
        Assert.Contains("https://www.openstreetmap.org/?mlat=-34.6037&mlon=-58.3816", TextOf(6));
        Assert.Contains("Marcelo Sosa · Estancia · +54 9 11 5555-1234 · msosa@ejemplo.com.ar", TextOf(7));
        Assert.Equal("Eligió: Sí, sigue fallando", TextOf(8));
        Assert.Equal("Eligió: Urgente — Frena la facturación", TextOf(9));
        Assert.Equal("Respuesta: Entendido", TextOf(10));
        Assert.StartsWith("[Mensaje de un tipo que WhatsApp no entrega a las empresas: 131051", TextOf(11));
        Assert.Equal("[Mensaje de tipo «poll», que Ayuda todavía no muestra; quedó guardado.]", TextOf(12));
        Assert.Equal("¿Les llegó todo?", TextOf(13));
        Assert.Single(await desk.TicketsFromAsync(wa));
    }

    [Fact]
    public async Task A_reaction_to_our_message_lands_on_its_ticket_and_media_that_cannot_be_fetched_still_lets_the_message_in()
    {
        var wa = WhatsAppDesk.NewWaId();
        await desk.DeliverAsync(MetaWebhooks.Text("Consulta por el stock", from: wa));
        var number = Assert.Single(await desk.TicketsFromAsync(wa)).Str("number");
        var ack = await SentToAsync(wa);
        var ackId = ack.Wamid!;
        // The acknowledgement's ticket message now carries Meta's id, so a reaction to it finds the ticket.
        await Eventually.Async(() => desk.MessagesAsync(number), m => m.Any(x => x.Str("messageId") == ackId), "the acknowledgement carrying its wamid");

        await desk.DeliverAsync(MetaWebhooks.Reaction(ackId, "👍", from: wa), MetaWebhooks.Image("media-que-no-existe", caption: "Foto del depósito", from: wa));
        var messages = await desk.MessagesAsync(number, 4);
        Assert.Contains(messages, m => m.Str("text") == "Reaccionó 👍");
        var photo = Assert.Single(messages, m => m.Str("text").StartsWith("[Imagen] Foto del depósito", StringComparison.Ordinal));
        Assert.Contains("No se pudo descargar el archivo", photo.Str("text"));
        Assert.Empty(photo.GetProperty("attachments").EnumerateArray());
        Assert.Single(await desk.TicketsFromAsync(wa));

        await using var db = await desk.App.DbAsync();
        Assert.False(await db.InboundMessages.AnyAsync(m => m.Channel == Ayuda.Features.Tickets.Channel.WhatsApp && m.Outcome == InboundOutcome.Received && m.From == $"+{wa}", Ct));
    }
}

public sealed class WhatsAppInboundOnSqlite(SqliteWhatsAppDesk desk) : WhatsAppInboundTests(desk), IClassFixture<SqliteWhatsAppDesk>;

public sealed class WhatsAppInboundOnPostgres(PostgresWhatsAppDesk desk) : WhatsAppInboundTests(desk), IClassFixture<PostgresWhatsAppDesk>;
