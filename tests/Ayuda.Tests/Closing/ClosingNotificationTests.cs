using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayuda.Tests.Closing;

/// <summary>
/// The closing notification: resolving a ticket sends the customer one email with the case's detail and resolution,
/// to the contact with the chosen people in copy; the ticket closes once it is sent. Internal notes never reach it.
/// </summary>
public abstract class ClosingNotificationTests(MailDesk desk)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<(string Number, Contact Contact, Contact Other)> WorkedTicketAsync(Desk desk, string customerName, string language = "es")
    {
        var customer = await desk.CustomerInForceAsync(customerName);
        if (language != "es")
        {
            var detail = await Api.Json(await desk.Administration.GetAsync($"/api/v1/customers/{customer.Id}", Ct), HttpStatusCode.OK);
            await Api.Json(await desk.Administration.PutAsJsonAsync($"/api/v1/customers/{customer.Id}", new
            {
                name = customer.Name, taxId = detail.Str("taxId"), language, phones = new[] { new { number = customer.Phone, label = "Central" } },
                emailDomains = new[] { customer.Domain },
            }, Ct), HttpStatusCode.OK);
        }
        var contact = await desk.ContactAsync(customer, "Claudia Ferreyra");
        var other = await desk.ContactAsync(customer, "Oscar Miño");
        var number = (await desk.IntakeAsync(new { channel = "phone", customerId = customer.Id, contactId = contact.Id,
            subject = "El cierre de caja no cuadra", description = "La caja 2 muestra una diferencia de $ 1.200." })).Str("number");
        await Api.Json(await desk.Consultant.PostAsync($"/api/v1/tickets/{number}/take", null, Ct), HttpStatusCode.OK);
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/classify", new { classification = "usageQuery" }, Ct), HttpStatusCode.OK);
        return (number, contact, other);
    }

    [Fact]
    public async Task One_email_with_the_case_and_its_resolution_reaches_the_contact_and_the_copies_then_the_ticket_closes()
    {
        var (number, contact, other) = await WorkedTicketAsync(desk, "Supermercado El Molino");
        var marker = $"NOTA-INTERNA-{Desk.Next()}";
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/notes", new { text = $"{marker}: el cliente cargó mal el arqueo." }, Ct), HttpStatusCode.OK);
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/notes",
            new { text = "Le pedimos el detalle del arqueo de la caja 2.", @internal = false }, Ct), HttpStatusCode.OK);

        var resolution = "El arqueo tenía un retiro sin registrar; lo cargamos y la caja cuadra.";
        var draft = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{number}/closing-draft?resolution={Uri.EscapeDataString(resolution)}", Ct), HttpStatusCode.OK);
        Assert.Equal([contact.Email], draft.GetProperty("to").EnumerateArray().Select(r => r.Str("address")));
        Assert.Contains(draft.GetProperty("otherContacts").EnumerateArray(), r => r.Str("address") == other.Email);
        Assert.Equal(new[] { desk.UserIds["diego"], desk.UserIds["marta"] }.Order(StringComparer.Ordinal),
            draft.GetProperty("defaultStaffIds").EnumerateArray().Select(s => s.GetString()!).Order(StringComparer.Ordinal));
        Assert.StartsWith($"[#{number}] Caso {number} resuelto: El cierre de caja no cuadra", draft.Str("subject"));
        var preview = draft.Str("body");
        Assert.Contains(resolution, preview);
        Assert.Contains("Le pedimos el detalle del arqueo de la caja 2.", preview);
        Assert.DoesNotContain(marker, preview);

        var resolved = await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/resolve", new
        {
            resolution, cc = new[] { other.Email }, ccStaffIds = new[] { desk.UserIds["diego"], desk.UserIds["marta"] },
        }, Ct), HttpStatusCode.OK);
        Assert.Equal("resolved", resolved.Str("state"));
        // A second notification while the first is on its way (or already out) is refused: the customer hears it once.
        await Api.Problem(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/resolve", new { resolution }, Ct), HttpStatusCode.Conflict);

        var mail = Assert.Single(await desk.SentToAsync(contact.Email, 1));
        Assert.Equal([contact.Email], mail.To);
        Assert.Equal(new[] { other.Email, "diego@ayuda.test", "marta@ayuda.test" }.Order(StringComparer.Ordinal), mail.Cc.Order(StringComparer.Ordinal));
        Assert.Equal(draft.Str("subject"), mail.Subject);
        var body = mail.Message.TextBody ?? "";
        Assert.Equal(preview.ReplaceLineEndings("\n").Trim(), body.ReplaceLineEndings("\n").Trim());
        foreach (var detail in new[] { number, "Supermercado El Molino", "Claudia Ferreyra", "Teléfono", "Consulta de uso", "La caja 2 muestra una diferencia", "Diego Consultor" })
        {
            Assert.Contains(detail, body);
        }
        Assert.DoesNotContain(marker, mail.RawText);
        // One message for everyone, not one per person: the copied contact got no mail of their own.
        Assert.DoesNotContain(await desk.Mail.SentAsync(), m => m.To.Contains(other.Email, StringComparer.OrdinalIgnoreCase));
        Assert.Contains(other.Email, Assert.Single(await desk.Mail.SentAsync(), m => m.Cc.Contains(other.Email, StringComparer.OrdinalIgnoreCase)).Cc);

        await Eventually.Async(() => desk.TicketAsync(number), t => t.Str("state") == "closed", "the ticket closed once its notification was sent");
        var notification = Assert.Single((await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{number}/notifications", Ct), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal("sent", notification.Str("state"));
        Assert.Contains(await desk.TimelineAsync(number), e => e.Str("kind") == "stateChanged" && e.Str("to") == "closed" && e.Str("text") == "Notificación de cierre enviada");
    }

    [Fact]
    public async Task An_english_customer_gets_the_english_text_and_bad_requests_lose_nothing()
    {
        var (number, contact, _) = await WorkedTicketAsync(desk, "Harbour Logistics Ltd", language: "en");
        var url = $"/api/v1/tickets/{number}/resolve";
        Assert.Equal(["Escribí la respuesta o resolución: es lo que se le informa al cliente."],
            await Api.FieldErrors(await desk.Consultant.PostAsJsonAsync(url, new { resolution = "" }, Ct), "resolution"));
        Assert.Equal(["«no es un correo» no es una dirección de correo válida."],
            await Api.FieldErrors(await desk.Consultant.PostAsJsonAsync(url, new { resolution = "Listo", cc = new[] { "no es un correo" } }, Ct), "cc"));
        await Api.Problem(await desk.Consultant.PostAsJsonAsync(url, new { resolution = "Listo", ccStaffIds = new[] { "nadie" } }, Ct), HttpStatusCode.BadRequest);
        await Api.Problem(await desk.Administration.PostAsJsonAsync(url, new { resolution = "Listo" }, Ct), HttpStatusCode.Forbidden);
        Assert.Equal("inProgress", (await desk.TicketAsync(number)).Str("state"));

        await Api.Json(await desk.Consultant.PostAsJsonAsync(url, new { resolution = "The cash count had an unrecorded withdrawal; fixed." }, Ct), HttpStatusCode.OK);
        var mail = Assert.Single(await desk.SentToAsync(contact.Email, 1));
        Assert.Contains($"Case {number} resolved", mail.Subject);
        Assert.Contains("Case details", mail.Message.TextBody);
        Assert.Contains("The cash count had an unrecorded withdrawal; fixed.", mail.Message.TextBody);
    }

    [Fact]
    public async Task Answering_on_the_line_sends_the_closing_notification_and_the_ticket_closes_once_it_is_out()
    {
        var (number, contact, _) = await WorkedTicketAsync(desk, "Ferretería Don Tito");
        var answered = await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/answer",
            new { answer = "Se reimprime desde Ventas → Comprobantes → Reimprimir." }, Ct), HttpStatusCode.OK);
        Assert.Equal("resolved", answered.Str("state"));
        var mail = Assert.Single(await desk.SentToAsync(contact.Email, 1));
        Assert.Contains("Se reimprime desde Ventas → Comprobantes → Reimprimir.", mail.Message.TextBody);
        await Eventually.Async(() => desk.TicketAsync(number), t => t.Str("state") == "closed", "closed once the notification was sent");
    }

    [Fact]
    public async Task The_subject_and_body_edited_after_the_preview_are_what_is_sent()
    {
        var (number, contact, _) = await WorkedTicketAsync(desk, "Panificadora San Cayetano");
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/resolve", new
        {
            resolution = "Se corrigió el arqueo.", subject = "Caja 2: resuelto", body = "Claudia: quedó resuelto, cualquier cosa nos avisa.\nDiego",
            ccStaffIds = Array.Empty<string>(),
        }, Ct), HttpStatusCode.OK);
        var mail = Assert.Single(await desk.SentToAsync(contact.Email, 1));
        Assert.Equal($"[#{number}] Caja 2: resuelto", mail.Subject);
        Assert.Equal("Claudia: quedó resuelto, cualquier cosa nos avisa.\nDiego", (mail.Message.TextBody ?? "").ReplaceLineEndings("\n").Trim());
        Assert.Empty(mail.Cc);
        var timeline = await desk.TimelineAsync(number);
        Assert.Equal("Se corrigió el arqueo.", Assert.Single(timeline, e => e.Str("kind") == "resolved").Str("text"));
    }

    [Fact]
    public async Task A_ticket_whose_notification_went_out_but_did_not_close_is_closed_by_the_sweep_and_a_failed_one_stays_resolved()
    {
        // The host stopped right after recording the sending: the ticket is still Resolved with its notification out.
        var (sent, _, _) = await WorkedTicketAsync(desk, "Corralón El Ombú");
        var (failed, _, _) = await WorkedTicketAsync(desk, "Corralón La Tosca");
        var diego = new Ayuda.Infrastructure.Actor(desk.UserIds["diego"], "Diego Consultor");
        await using (var db = await desk.App.DbAsync())
        {
            foreach (var (number, delivered) in new[] { (sent, true), (failed, false) })
            {
                var ticket = await db.Tickets.SingleAsync(t => t.Number == number, Ct);
                var now = DateTimeOffset.UtcNow;
                ticket.Resolve("Se reconfiguró la impresora fiscal.", diego, now);
                var outbox = new Ayuda.Features.Notifications.OutboxMessage(Ayuda.Features.Notifications.OutboxKind.Closing, ticket, "mesa@ayuda.test",
                    "cliente@example.com", "", $"[#{number}] Caso resuelto", "Resuelto.", $"sweep-{number}@ayuda.test", null, null, now.AddSeconds(1));
                if (delivered)
                {
                    outbox.Sent(now.AddSeconds(2));
                }
                else
                {
                    outbox.AttemptFailed("550 mailbox unavailable", permanent: true, maxAttempts: 5, now.AddSeconds(2));
                }
                db.Outbox.Add(outbox);
            }
            await db.SaveChangesAsync(Ct);
        }

        var closed = await desk.App.Services.GetRequiredService<Ayuda.Features.Closing.ClosingFollowUp>().SweepAsync(Ct);

        Assert.True(closed >= 1);
        Assert.Equal("closed", (await desk.TicketAsync(sent)).Str("state"));
        Assert.Contains(await desk.TimelineAsync(sent), e => e.Str("text") == "Notificación de cierre enviada");
        Assert.Equal("resolved", (await desk.TicketAsync(failed)).Str("state"));
    }
}

public sealed class ClosingNotificationsOnSqlite(SqliteMailDesk desk) : ClosingNotificationTests(desk), IClassFixture<SqliteMailDesk>;

public sealed class ClosingNotificationsOnPostgres(PostgresMailDesk desk) : ClosingNotificationTests(desk), IClassFixture<PostgresMailDesk>;
