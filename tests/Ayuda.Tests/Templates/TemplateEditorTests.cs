using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Features.Templates;
using Ayuda.Tests.Closing;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Templates;

/// <summary>
/// The head and SystemAdmin edit the customer-facing texts through <c>/api/v1/templates</c>: a broken template is
/// refused and never stored, a saved one is what the customer gets, a stale edit is refused, and the preview shows a
/// real ticket as its customer would read it.
/// </summary>
public abstract class TemplateEditorTests(MailDesk desk)
{
    private const string Closing = "/api/v1/templates/closing/es";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> CurrentAsync(string url = Closing) => await Api.Json(await desk.Head.GetAsync(url, Ct), HttpStatusCode.OK);

    [Fact]
    public async Task A_template_with_an_unknown_field_or_an_unclosed_tag_is_refused_and_nothing_is_stored()
    {
        var before = await CurrentAsync();
        var version = before.GetProperty("version").GetInt32();

        var unknown = await Api.FieldErrors(await desk.Head.PutAsJsonAsync(Closing,
            new { version, subject = "Caso {{ ticket.number }} resuelto", body = "Hola, el caso {{ ticket.numero }} quedó resuelto." }, Ct), "body");
        Assert.Equal(["Usa campos que este mensaje no tiene: ticket.numero. Elegí uno de la lista de campos."], unknown);

        var unclosed = Assert.Single(await Api.FieldErrors(await desk.Head.PutAsJsonAsync(Closing,
            new { version, subject = "Caso {{ ticket.number }}", body = "{% if contact.name != \"\" %}Hola {{ contact.name }}:\n{{ resolution }}" }, Ct), "body"));
        Assert.StartsWith("La plantilla no se puede leer", unclosed);
        Assert.Contains("{% endif %}", unclosed);

        var after = await CurrentAsync();
        Assert.Equal(before.Str("subject"), after.Str("subject"));
        Assert.Equal(before.Str("body"), after.Str("body"));
        Assert.Equal(version, after.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_valid_edit_is_saved_with_a_new_version_and_an_edit_of_an_older_version_is_refused()
    {
        const string url = "/api/v1/templates/closing/en";
        var read = await CurrentAsync(url);
        var version = read.GetProperty("version").GetInt32();
        Assert.Contains(read.GetProperty("fields").EnumerateArray(), f => f.Str("path") == "resolution" && f.Str("description") == "Resolución que escribió el consultor");

        var saved = await Api.Json(await desk.Head.PutAsJsonAsync(url,
            new { version, subject = "Case {{ ticket.number }} closed", body = "Dear {{ contact.name }},\n{{ resolution }}\n" }, Ct), HttpStatusCode.OK);
        Assert.Equal(version + 1, saved.GetProperty("version").GetInt32());
        Assert.True(saved.GetProperty("customised").GetBoolean());
        Assert.Equal("Marta Jefa", saved.Str("updatedBy"));

        var stale = await Api.Problem(await desk.Admin.PutAsJsonAsync(url,
            new { version, subject = "Case {{ ticket.number }}", body = "Overwritten" }, Ct), HttpStatusCode.Conflict);
        Assert.Contains("Otra persona guardó esta plantilla", stale.Str("detail"));
        var now = await CurrentAsync(url);
        Assert.Equal("Case {{ ticket.number }} closed", now.Str("subject"));
        Assert.Equal(version + 1, now.GetProperty("version").GetInt32());

        var list = await Api.Json(await desk.Head.GetAsync("/api/v1/templates", Ct), HttpStatusCode.OK);
        var english = Assert.Single(list.EnumerateArray(), t => t.Str("kind") == "closing" && t.Str("language") == "en");
        Assert.True(english.GetProperty("customised").GetBoolean());
        Assert.Equal(version + 1, english.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task The_saved_closing_template_is_what_the_customer_gets_until_it_is_reset_to_the_original()
    {
        var read = await CurrentAsync();
        await Api.Json(await desk.Head.PutAsJsonAsync(Closing, new
        {
            version = read.GetProperty("version").GetInt32(),
            subject = "Listo: {{ ticket.subject }}",
            body = "Estimado/a {{ contact.name }}:\nCerramos el caso {{ ticket.number }} de {{ customer.name }}.\nQué hicimos: {{ resolution }}\n{{ consultant.name }}\n",
        }, Ct), HttpStatusCode.OK);

        var (number, contact, _) = await ClosingNotificationTests.WorkedTicketAsync(desk, "Ferretería Don Ramón");
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/resolve", new { resolution = "Se reconfiguró la impresora fiscal." }, Ct), HttpStatusCode.OK);
        var mail = Assert.Single(await desk.SentToAsync(contact.Email, 1));
        Assert.Equal($"[#{number}] Listo: El cierre de caja no cuadra", mail.Subject);
        Assert.Equal($"Estimado/a Claudia Ferreyra:\nCerramos el caso {number} de Ferretería Don Ramón.\nQué hicimos: Se reconfiguró la impresora fiscal.\nDiego Consultor",
            (mail.Message.TextBody ?? "").ReplaceLineEndings("\n").Trim());

        var reset = await Api.Json(await desk.Head.DeleteAsync(Closing, Ct), HttpStatusCode.OK);
        Assert.False(reset.GetProperty("customised").GetBoolean());
        var original = TemplateEngine.Default(TemplateKind.Closing, "es");
        var now = await CurrentAsync();
        Assert.Equal(original.Subject, now.Str("subject"));
        Assert.Equal(original.Body, now.Str("body"));
        Assert.Equal(0, now.GetProperty("version").GetInt32());

        var (second, secondContact, _) = await ClosingNotificationTests.WorkedTicketAsync(desk, "Ferretería Don Ramón II");
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{second}/resolve", new { resolution = "Listo." }, Ct), HttpStatusCode.OK);
        var again = Assert.Single(await desk.SentToAsync(secondContact.Email, 1));
        Assert.Equal($"[#{second}] Caso {second} resuelto: El cierre de caja no cuadra", again.Subject);
    }

    [Fact]
    public async Task The_edited_acknowledgement_is_what_a_new_customer_gets()
    {
        const string url = "/api/v1/templates/acknowledgement/es";
        var version = (await CurrentAsync(url)).GetProperty("version").GetInt32();
        await Api.Json(await desk.Head.PutAsJsonAsync(url, new
        {
            version, subject = "Mesa de ayuda: su caso {{ ticket.number }}", body = "Gracias por escribirnos. Su caso es el {{ ticket.number }}.\n{{ desk.name }}\n",
        }, Ct), HttpStatusCode.OK);
        try
        {
            var sender = Letters.NewSender();
            await desk.DeliverAsync(Letters.Mail(sender, desk.Address, "No anda la impresora fiscal"));
            var ack = Assert.Single(await desk.SentToAsync(sender, 1));
            var number = MailDesk.NumberIn(ack.Subject);
            Assert.EndsWith($"Mesa de ayuda: su caso {number}", ack.Subject);
            Assert.StartsWith($"Gracias por escribirnos. Su caso es el {number}.", ack.Message.TextBody ?? "");
        }
        finally
        {
            await desk.Head.DeleteAsync(url, Ct);
        }
    }

    [Fact]
    public async Task A_saved_template_that_fails_on_a_real_message_gives_way_to_the_original_and_no_mail_is_lost()
    {
        const string url = "/api/v1/templates/acknowledgement/es";
        var version = (await CurrentAsync(url)).GetProperty("version").GetInt32();
        // Fine on the sample (it has a contact); a division by zero for a sender nobody knows yet.
        await Api.Json(await desk.Head.PutAsJsonAsync(url, new
        {
            version, subject = "Caso {{ ticket.number }}", body = "{% assign n = contact.name | size %}Parte {{ 10 | divided_by: n }}\n",
        }, Ct), HttpStatusCode.OK);
        try
        {
            var sender = Letters.NewSender();
            await desk.DeliverAsync(Letters.Mail(sender, desk.Address, "Se cortó el sistema"));
            var ack = Assert.Single(await desk.SentToAsync(sender, 1));
            Assert.Contains("Recibimos su consulta", ack.Subject);
            Assert.Single(await desk.TicketsFromAsync(sender));
        }
        finally
        {
            await desk.Head.DeleteAsync(url, Ct);
        }
    }

    [Fact]
    public async Task The_preview_renders_the_unsaved_text_on_the_given_ticket()
    {
        var (number, _, _) = await ClosingNotificationTests.WorkedTicketAsync(desk, "Vinoteca La Cava");
        var preview = await Api.Json(await desk.Head.PostAsJsonAsync($"{Closing}/preview", new
        {
            subject = "Caso {{ ticket.number }}",
            body = "Cliente: {{ customer.name }}{% for e in timeline %}\n- {{ e.text }}{% endfor %}",
            ticketNumber = number,
        }, Ct), HttpStatusCode.OK);
        Assert.Equal($"Caso {number}", preview.Str("subject"));
        Assert.StartsWith("Cliente: Vinoteca La Cava\n- ", preview.Str("body"));
        Assert.Equal(number, preview.Str("ticketNumber"));

        var anyTicket = await Api.Json(await desk.Admin.PostAsJsonAsync($"{Closing}/preview", new { subject = "Caso {{ ticket.number }}", body = "{{ customer.name }}" }, Ct), HttpStatusCode.OK);
        Assert.Matches(@"^Caso \d{4}-\d{6,7}$", anyTicket.Str("subject"));
        Assert.False(string.IsNullOrWhiteSpace(anyTicket.Str("body")));

        var broken = await desk.Head.PostAsJsonAsync($"{Closing}/preview", new { subject = "Caso", body = "{{ cliente.nombre }}", ticketNumber = "2099-999999" }, Ct);
        var problem = await Api.Problem(broken, HttpStatusCode.BadRequest);
        Assert.Contains("cliente.nombre", problem.GetProperty("errors").GetProperty("body")[0].GetString());
        Assert.Contains("2099-999999", problem.GetProperty("errors").GetProperty("ticketNumber")[0].GetString());
    }

    [Fact]
    public async Task Only_the_head_and_SystemAdmin_change_templates_and_unknown_ones_are_not_found()
    {
        var body = new { version = 0, subject = "Caso {{ ticket.number }}", body = "{{ resolution }}" };
        await Api.Problem(await desk.Consultant.PutAsJsonAsync(Closing, body, Ct), HttpStatusCode.Forbidden);
        await Api.Problem(await desk.Consultant.GetAsync("/api/v1/templates", Ct), HttpStatusCode.Forbidden);
        await Api.Problem(await desk.Administration.PostAsJsonAsync($"{Closing}/preview", body, Ct), HttpStatusCode.Forbidden);

        var version = (await CurrentAsync()).GetProperty("version").GetInt32();
        var byHead = await Api.Json(await desk.Head.PutAsJsonAsync(Closing, body with { version = version }, Ct), HttpStatusCode.OK);
        var byAdmin = await Api.Json(await desk.Admin.PutAsJsonAsync(Closing, body with { version = byHead.GetProperty("version").GetInt32() }, Ct), HttpStatusCode.OK);
        Assert.Equal(version + 2, byAdmin.GetProperty("version").GetInt32());
        await Api.Json(await desk.Admin.DeleteAsync($"{Closing}?version={version + 2}", Ct), HttpStatusCode.OK);

        await Api.Problem(await desk.Head.GetAsync("/api/v1/templates/despedida/es", Ct), HttpStatusCode.NotFound, "Plantillas que se pueden editar: closing");
        await Api.Problem(await desk.Head.GetAsync("/api/v1/templates/closing/fr", Ct), HttpStatusCode.NotFound);
        await Api.Problem(await desk.Head.PutAsJsonAsync("/api/v1/templates/invitation/es", body, Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_customer_facing_text_and_the_version_update_request_can_be_edited()
    {
        var listed = (await Api.Json(await desk.Head.GetAsync("/api/v1/templates", Ct), HttpStatusCode.OK)).EnumerateArray()
            .Select(t => t.Str("kind")).Distinct().ToList();
        Assert.Equal(["closing", "acknowledgement", "regularisation", "incidentUpdate", "meetingInvitation", "feedbackAcknowledgement", "versionUpdate"], listed);
        var meeting = await CurrentAsync("/api/v1/templates/meetingInvitation/en");
        Assert.StartsWith("{% case meeting.change %}", meeting.Str("subject"));
        Assert.Contains(meeting.GetProperty("fields").EnumerateArray(), f => f.Str("path") == "meeting.reason");
        var update = await CurrentAsync("/api/v1/templates/versionUpdate/es");
        Assert.Contains("{{ update.target_version }}", update.Str("body"));
    }
}

public sealed class TemplateEditorOnSqlite(SqliteMailDesk desk) : TemplateEditorTests(desk), IClassFixture<SqliteMailDesk>;

public sealed class TemplateEditorOnPostgres(PostgresMailDesk desk) : TemplateEditorTests(desk), IClassFixture<PostgresMailDesk>;
