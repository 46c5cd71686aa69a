using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ayuda.Data;
using Ayuda.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Tests.Email;

/// <summary>
/// The administrator sets the email channel up from the settings page (here through its API): the desk starts reading
/// the mailbox and sending at once, without a restart; passwords are kept encrypted and never shown again; bad values
/// are refused field by field and change nothing.
/// </summary>
public sealed class EmailSettingsTests(MailServers mail)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Saved_settings_start_reading_and_sending_at_once_and_keep_the_password_secret()
    {
        var mailbox = await mail.CreateMailboxAsync();
        var sender = Letters.NewSender();
        var letter = Letters.Mail(sender, mailbox.Address, "No imprime el remito");
        await mail.DeliverAsync(mailbox, Letters.Bytes(letter));
        await using var app = new AyudaApp(DatabaseProvider.Sqlite);
        var admin = await app.AdminClientAsync();

        // Nothing configured yet: the starting values come from configuration, and no mailbox is read.
        var initial = await Api.Json(await admin.GetAsync("/api/v1/settings/email", Ct), HttpStatusCode.OK);
        Assert.Equal(0, initial.GetProperty("version").GetInt32());
        Assert.Empty(initial.GetProperty("mailboxes").EnumerateArray());

        var form = Form(initial, mailbox);
        var saved = await Api.Json(await admin.PutAsJsonAsync("/api/v1/settings/email", form, Ct), HttpStatusCode.OK);
        Assert.Equal(1, saved.GetProperty("version").GetInt32());
        Assert.Equal("Administrador", saved.Str("updatedBy"));

        // The poller picks the new mailbox up and the outbox the new server: the letter becomes a ticket and its sender
        // gets the acknowledgement, with the host never restarted.
        await Eventually.Async(() => mail.FolderMessageIdsAsync(mailbox, "Processed"), ids => ids.Contains(letter.MessageId!), "the letter read");
        var acknowledgement = await Eventually.Async(async () => (await mail.SentAsync()).Where(m => m.To.Contains(sender)).ToList(),
            sent => sent.Count == 1, "the acknowledgement sent through the saved SMTP server");
        Assert.Contains("No imprime el remito", acknowledgement[0].Subject);
        Assert.Contains(mailbox.Address, acknowledgement[0].From);

        // The password never comes back, and is not readable in the database either.
        var shown = await admin.GetStringAsync("/api/v1/settings/email", Ct);
        Assert.DoesNotContain(mailbox.Password, shown);
        var read = JsonDocument.Parse(shown).RootElement;
        Assert.True(read.GetProperty("mailboxes")[0].GetProperty("hasPassword").GetBoolean());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("mailboxes")[0].GetProperty("password").ValueKind);
        await using (var db = await app.DbAsync())
        {
            var row = await db.Settings.SingleAsync(s => s.Key == "Ayuda:Email", Ct);
            Assert.DoesNotContain(mailbox.Password, row.Json);
            Assert.Contains(mailbox.Address, row.Json);
        }

        // After a restart the stored settings still apply, and the stored password still works: testing the mailbox
        // with the password left empty uses it.
        await using var restarted = new AyudaApp(app);
        var again = await restarted.AdminClientAsync();
        var after = await Api.Json(await again.GetAsync("/api/v1/settings/email", Ct), HttpStatusCode.OK);
        Assert.Equal(mailbox.Address, after.Str("deskAddress"));
        var stored = after.GetProperty("mailboxes")[0];
        var test = await Api.Json(await again.PostAsJsonAsync("/api/v1/settings/email/test-mailbox", JsonNode.Parse(stored.GetRawText()), Ct), HttpStatusCode.OK);
        Assert.True(test.GetProperty("ok").GetBoolean(), test.GetRawText());

        // A stored password never goes to another server: pointing the mailbox elsewhere asks for it again.
        var elsewhere = JsonNode.Parse(after.GetRawText())!;
        elsewhere["mailboxes"]![0]!["host"] = "imap.otro-servidor.example";
        Assert.Equal(["Escribí la contraseña: no hay una guardada para este servidor y usuario."],
            await Api.FieldErrors(await again.PutAsJsonAsync("/api/v1/settings/email", elsewhere, Ct), "mailboxes[0].password"));

        // Saving again with the password left empty keeps it: a new letter is still read.
        var resaved = await Api.Json(await again.PutAsJsonAsync("/api/v1/settings/email", JsonNode.Parse(after.GetRawText()), Ct), HttpStatusCode.OK);
        Assert.Equal(2, resaved.GetProperty("version").GetInt32());
        var second = Letters.Mail(Letters.NewSender(), mailbox.Address, "Tampoco imprime la factura");
        await mail.DeliverAsync(mailbox, Letters.Bytes(second));
        await Eventually.Async(() => mail.FolderMessageIdsAsync(mailbox, "Processed"), ids => ids.Contains(second.MessageId!), "the second letter read");
    }

    [Fact]
    public async Task A_mailbox_removed_from_the_settings_is_let_go_and_no_longer_read()
    {
        var mailbox = await mail.CreateMailboxAsync();
        await using var app = new AyudaApp(DatabaseProvider.Sqlite);
        var admin = await app.AdminClientAsync();
        var initial = await Api.Json(await admin.GetAsync("/api/v1/settings/email", Ct), HttpStatusCode.OK);
        var saved = await Api.Json(await admin.PutAsJsonAsync("/api/v1/settings/email", Form(initial, mailbox), Ct), HttpStatusCode.OK);
        var first = Letters.Mail(Letters.NewSender(), mailbox.Address, "Primera consulta");
        await mail.DeliverAsync(mailbox, Letters.Bytes(first));
        await Eventually.Async(() => mail.FolderMessageIdsAsync(mailbox, "Processed"), ids => ids.Contains(first.MessageId!), "the first letter read");

        var without = JsonNode.Parse(saved.GetRawText())!;
        without["mailboxes"] = new JsonArray();
        await Api.Json(await admin.PutAsJsonAsync("/api/v1/settings/email", without, Ct), HttpStatusCode.OK);

        // The lease is given up at once, so another host (or a re-added mailbox) can take it without waiting it out.
        await Eventually.Async(async () =>
        {
            await using var db = await app.DbAsync();
            return await db.WorkerLeases.AsNoTracking().SingleAsync(l => l.Name == "imap:Soporte", Ct);
        }, lease => lease.Until <= DateTimeOffset.UtcNow, "the mailbox's lease released");
        var second = Letters.Mail(Letters.NewSender(), mailbox.Address, "Segunda consulta");
        await mail.DeliverAsync(mailbox, Letters.Bytes(second));
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        Assert.Contains(second.MessageId!, await mail.FolderMessageIdsAsync(mailbox, "INBOX"));
    }

    [Fact]
    public async Task Bad_values_are_refused_field_by_field_and_nothing_changes()
    {
        await using var app = new AyudaApp(DatabaseProvider.Sqlite);
        var admin = await app.AdminClientAsync();
        var before = await admin.GetStringAsync("/api/v1/settings/email", Ct);
        var bad = JsonNode.Parse(before)!;
        bad["deskAddress"] = "mesa-sin-arroba";
        bad["reopenDays"] = 400;
        bad["ownAddresses"] = new JsonArray("alias@empresa.com.ar", "no es correo");
        bad["smtp"]!["host"] = "smtp con espacios";
        bad["mailboxes"] = new JsonArray(
            new JsonObject { ["name"] = "Soporte", ["host"] = "", ["port"] = 993, ["user"] = "soporte@empresa.com.ar", ["folder"] = "INBOX", ["processedFolder"] = "inbox" },
            new JsonObject { ["name"] = "soporte", ["host"] = "imap.empresa.com.ar", ["port"] = 70000, ["user"] = "", ["folder"] = "INBOX", ["processedFolder"] = "Leídos" });

        var response = await admin.PutAsJsonAsync("/api/v1/settings/email", bad, Ct);
        var problem = await Api.Problem(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        string Error(string field) => string.Join(" ", errors.GetProperty(field).EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("dirección de correo válida", Error("deskAddress"));
        Assert.Equal("Tiene que estar entre 0 y 365.", Error("reopenDays"));
        Assert.Equal("«no es correo» no es una dirección de correo válida.", Error("ownAddresses"));
        Assert.Equal("«smtp con espacios» no es un nombre de servidor válido.", Error("smtp.host"));
        Assert.Equal("Falta el servidor.", Error("mailboxes[0].host"));
        Assert.Equal("La carpeta de procesados tiene que ser otra que la que se lee.", Error("mailboxes[0].processedFolder"));
        Assert.Equal("Ya hay un buzón llamado «soporte».", Error("mailboxes[1].name"));
        Assert.Equal("Tiene que estar entre 1 y 65535.", Error("mailboxes[1].port"));
        Assert.Equal("Falta el usuario.", Error("mailboxes[1].user"));

        Assert.Equal(before, await admin.GetStringAsync("/api/v1/settings/email", Ct));
        await using var db = await app.DbAsync();
        Assert.False(await db.Settings.AnyAsync(Ct));
    }

    [Fact]
    public async Task A_save_over_someone_elses_newer_save_is_refused()
    {
        await using var app = new AyudaApp(DatabaseProvider.Sqlite);
        var admin = await app.AdminClientAsync();
        var read = JsonNode.Parse(await admin.GetStringAsync("/api/v1/settings/email", Ct))!;
        read["deskName"] = "Mesa de ayuda de Sistemas del Sur";
        await Api.Json(await admin.PutAsJsonAsync("/api/v1/settings/email", read, Ct), HttpStatusCode.OK);

        read["deskName"] = "Otro nombre, sobre una versión vieja";
        await Api.Problem(await admin.PutAsJsonAsync("/api/v1/settings/email", read, Ct), HttpStatusCode.Conflict, "Otra persona guardó esta configuración");
        var now = await Api.Json(await admin.GetAsync("/api/v1/settings/email", Ct), HttpStatusCode.OK);
        Assert.Equal("Mesa de ayuda de Sistemas del Sur", now.Str("deskName"));
    }

    [Fact]
    public async Task Only_a_system_administrator_reads_changes_or_tests_the_settings()
    {
        await using var app = new AyudaApp(DatabaseProvider.Sqlite);
        var admin = await app.AdminClientAsync();
        await Api.Json(await admin.PostAsJsonAsync("/api/v1/staff",
            new { email = "marta@ayuda.test", name = "Marta Jefa", password = "Mesa-de-Ayuda-2026", roles = new[] { "HeadOfImplementation" } }, Ct), HttpStatusCode.Created);
        var head = await app.ClientForAsync("marta@ayuda.test", "Mesa-de-Ayuda-2026");
        var body = JsonNode.Parse(await admin.GetStringAsync("/api/v1/settings/email", Ct));

        await Api.Problem(await head.GetAsync("/api/v1/settings/email", Ct), HttpStatusCode.Forbidden);
        await Api.Problem(await head.PutAsJsonAsync("/api/v1/settings/email", body, Ct), HttpStatusCode.Forbidden);
        await Api.Problem(await head.PostAsJsonAsync("/api/v1/settings/email/test-smtp", new { host = "127.0.0.1", port = 25 }, Ct), HttpStatusCode.Forbidden);
        await Api.Problem(await app.CreateClient().GetAsync("/api/v1/settings/email", Ct), HttpStatusCode.Unauthorized);
    }

    /// <summary>The form as read, pointed at the test servers: the desk's address is the mailbox's, as in production.</summary>
    private JsonNode Form(JsonElement read, MailboxUser mailbox)
    {
        var form = JsonNode.Parse(read.GetRawText())!;
        form["deskAddress"] = mailbox.Address;
        form["smtp"] = new JsonObject { ["host"] = mail.SmtpHost, ["port"] = mail.SmtpPort, ["security"] = "none", ["user"] = "" };
        form["mailboxes"] = new JsonArray(new JsonObject
        {
            ["name"] = "Soporte",
            ["enabled"] = true,
            ["host"] = mail.ImapHost,
            ["port"] = mail.ImapPort,
            ["security"] = "none",
            ["user"] = mailbox.Address,
            ["password"] = mailbox.Password,
            ["folder"] = "INBOX",
            ["processedFolder"] = "Processed",
        });
        return form;
    }
}
