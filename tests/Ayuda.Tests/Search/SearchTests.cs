using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Data;
using Ayuda.Features.Search;
using Ayuda.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayuda.Tests.Search;

/// <summary>
/// The global search: Spanish words found whatever their accents and case, as prefixes, in a ticket's subject,
/// description, later messages and notes for staff, in customers, contacts and incidents; the index follows every
/// change (triggers, also for writes that bypass the app) and a rebuild gives the same answers. Hostile text never breaks it.
/// </summary>
public abstract class SearchTests(Desk desk, DatabaseProvider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string DeskAddress = "mesa@ayuda.local";

    /// <summary>A word no other test uses (letters and digits are one word for the index).</summary>
    private static string Unique(string stem) => $"{stem}{Desk.Next()}";

    private static async Task<JsonElement> SearchAsync(HttpClient client, string q, string? kind = null, int? limit = null)
    {
        var url = $"/api/v1/search?q={Uri.EscapeDataString(q)}" + (kind is null ? "" : $"&kind={kind}") + (limit is null ? "" : $"&limit={limit}");
        return await Api.Json(await client.GetAsync(url, Ct), HttpStatusCode.OK);
    }

    private static List<string> Numbers(JsonElement results) =>
        [.. results.GetProperty("tickets").GetProperty("items").EnumerateArray().Select(t => t.Str("number"))];

    private static List<JsonElement> Items(JsonElement results, string kind) => [.. results.GetProperty(kind).GetProperty("items").EnumerateArray()];

    /// <summary>A mail from an unknown sender opens a ticket (its text is the first message); the number.</summary>
    private async Task<(string Number, MimeKit.MimeMessage Mail)> MailTicketAsync(string subject, string text)
    {
        var mail = Letters.Mail(Letters.NewSender(), DeskAddress, subject, text);
        var imported = await Api.Json(await desk.Admin.PostAsync("/api/v1/channels/email/raw", new ByteArrayContent(Letters.Bytes(mail)), Ct), HttpStatusCode.Created);
        return (imported.Str("ticketNumber"), mail);
    }

    [Fact]
    public async Task Accents_and_case_are_ignored_and_words_are_prefixes()
    {
        var word = Unique("impresora");
        var inDescription = Unique("electronica");
        var customer = await desk.CustomerInForceAsync("Óptica Buenos Aires");
        var number = (await desk.IntakeAsync(new { channel = "phone", customerId = customer.Id, subject = $"CONFIGURACIÓN de la {word}", description = $"La facturación {inDescription} no sale." })).Str("number");

        foreach (var q in new[] { $"configuracion {word}", $"Configuración {word}", $"CONFIGURACION {word.ToUpperInvariant()}", $"config {word}", $"factur {word}", $"FACTURACIÓN {word}" })
        {
            Assert.Equal([number], Numbers(await SearchAsync(desk.Consultant, q)));
        }
        var hit = Items(await SearchAsync(desk.Consultant, $"configuracion {word}"), "tickets").Single();
        Assert.Equal(($"CONFIGURACIÓN de la {word}", "Óptica Buenos Aires", "subject", "pending"),
            (hit.Str("subject"), hit.Str("customerName"), hit.Str("foundIn"), hit.Str("state")));
        Assert.Contains("<mark>CONFIGURACIÓN</mark>", hit.Str("snippet"));
        // Words of the subject and the description together find the ticket; words only in the description say so.
        Assert.Equal([number], Numbers(await SearchAsync(desk.Consultant, $"impresora {inDescription}")));
        var byDescription = Items(await SearchAsync(desk.Consultant, $"factur {inDescription}"), "tickets").Single();
        Assert.Equal("description", byDescription.Str("foundIn"));
        Assert.Contains($"La <mark>facturación</mark> <mark>{inDescription}</mark> no sale.", byDescription.Str("snippet"));

        // Every word must be there: another word that is nowhere finds nothing.
        Assert.Empty(Numbers(await SearchAsync(desk.Consultant, $"{word} {Unique("inexistente")}")));
    }

    [Fact]
    public async Task A_prefix_of_the_word_as_written_finds_it_even_when_the_spanish_stem_is_shorter()
    {
        // The stem of "instalaciones" is "instal": a prefix longer than the stem must still find the word.
        var word = Unique("sucursal");
        var customer = await desk.CustomerInForceAsync("Ferretería Central");
        var number = (await desk.IntakeAsync(new { channel = "phone", customerId = customer.Id, subject = $"Instalaciones nuevas en {word}",
            description = "Pedimos configuraciones para las impresoras fiscales." })).Str("number");
        foreach (var q in new[] { "instalaci", "INSTALACIÓN", "instalaciones", "configuracione", "impresor", "fiscal" })
        {
            Assert.Equal([number], Numbers(await SearchAsync(desk.Consultant, $"{q} {word}")));
        }
        Assert.Empty(Numbers(await SearchAsync(desk.Consultant, $"instalacionez {word}")));
    }

    [Fact]
    public async Task A_ticket_number_as_people_type_it_finds_that_ticket_first()
    {
        var customer = await desk.CustomerInForceAsync("Librería del Centro");
        var subject = $"Consulta {Unique("numero")}";
        var number = (await desk.IntakeAsync(new { channel = "phone", customerId = customer.Id, subject, description = "Llama por un pedido." })).Str("number");
        var (year, sequence) = (number[..4], long.Parse(number[5..], System.Globalization.CultureInfo.InvariantCulture));
        foreach (var q in new[] { number, $"{year}-{sequence}", $" #{year}-{sequence} " })
        {
            var first = Items(await SearchAsync(desk.Consultant, q), "tickets").First();
            Assert.Equal((number, subject, "number"), (first.Str("number"), first.Str("subject"), first.Str("foundIn")));
        }
        // A number no ticket has is simply not found.
        Assert.DoesNotContain($"{year}-999999", Numbers(await SearchAsync(desk.Consultant, $"{year}-999999")));
    }

    [Fact]
    public async Task A_word_only_in_a_later_message_or_in_a_note_for_staff_finds_the_ticket_with_its_snippet()
    {
        var inReply = Unique("contraseña");
        var inNote = Unique("servidor");
        var (number, first) = await MailTicketAsync("No puedo entrar", "Hola, no puedo entrar al sistema desde ayer.");
        Assert.Empty(Numbers(await SearchAsync(desk.Consultant, inReply)));

        var reply = Letters.Reply(first.From.Mailboxes.Single().Address, DeskAddress, "Re: No puedo entrar", first,
            $"Les cuento que probé de nuevo y me dice que la {inReply} venció. <script>alert(1)</script>");
        var joined = await Api.Json(await desk.Admin.PostAsync("/api/v1/channels/email/raw", new ByteArrayContent(Letters.Bytes(reply)), Ct), HttpStatusCode.OK);
        Assert.Equal(("joined", number), (joined.Str("outcome"), joined.Str("ticketNumber")));
        await Api.Json(await desk.Administration.PostAsJsonAsync($"/api/v1/tickets/{number}/notes",
            new { text = $"Ojo: el {inNote} del cliente se reinicia solo.", @internal = true }, Ct), HttpStatusCode.OK);

        var byMessage = Items(await SearchAsync(desk.Consultant, inReply.ToUpperInvariant()), "tickets").Single();
        Assert.Equal((number, "message"), (byMessage.Str("number"), byMessage.Str("foundIn")));
        Assert.Contains($"la <mark>{inReply}</mark> venció", byMessage.Str("snippet"));
        // The text is HTML-escaped: only our own <mark> tags are markup.
        Assert.Contains("&lt;script&gt;", byMessage.Str("snippet"));
        Assert.DoesNotContain("<script>", byMessage.Str("snippet"));

        var byNote = Items(await SearchAsync(desk.ProjectManager, inNote), "tickets").Single();
        Assert.Equal((number, "note"), (byNote.Str("number"), byNote.Str("foundIn")));
    }

    [Fact]
    public async Task Changing_a_subject_even_with_plain_sql_reindexes_the_ticket()
    {
        var before = Unique("teclado");
        var after = Unique("monitor");
        var customer = await desk.CustomerInForceAsync("Bazar La Estrella");
        var number = (await desk.IntakeAsync(customer, $"Falla el {before}")).Str("number");
        Assert.Equal([number], Numbers(await SearchAsync(desk.Consultant, before)));

        // As a bulk loader or a future "edit subject" would: the trigger keeps the index right in the same statement.
        await using (var db = await desk.App.DbAsync())
        {
            var subject = $"Falla el {after}";
            await db.Database.ExecuteSqlAsync($"UPDATE \"Tickets\" SET \"Subject\" = {subject} WHERE \"Number\" = {number}", Ct);
        }
        Assert.Empty(Numbers(await SearchAsync(desk.Consultant, before)));
        Assert.Equal([number], Numbers(await SearchAsync(desk.Consultant, after)));
    }

    [Fact]
    public async Task Editing_a_note_keeps_the_words_it_still_has_and_drops_the_ones_it_lost()
    {
        var kept = Unique("servidor");
        var dropped = Unique("cliente");
        var added = Unique("reinicio");
        var customer = await desk.CustomerInForceAsync("Estudio Contable Sur");
        var number = (await desk.IntakeAsync(customer, "Se corta el sistema")).Str("number");
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/notes",
            new { text = $"Revisar {kept} del {dropped}", @internal = true }, Ct), HttpStatusCode.OK);
        Assert.Equal([number], Numbers(await SearchAsync(desk.Consultant, kept)));

        // As a redaction script or a future "edit note" would: a word the old and new text share must stay findable.
        await using (var db = await desk.App.DbAsync())
        {
            var text = $"Revisar {kept} hoy: {added}";
            var old = $"Revisar {kept} del {dropped}";
            await db.Database.ExecuteSqlAsync($"UPDATE \"TimelineEntries\" SET \"Text\" = {text} WHERE \"Text\" = {old}", Ct);
        }
        Assert.Equal([number], Numbers(await SearchAsync(desk.Consultant, kept)));
        Assert.Equal([number], Numbers(await SearchAsync(desk.Consultant, added)));
        Assert.Empty(Numbers(await SearchAsync(desk.Consultant, dropped)));
    }

    [Fact]
    public async Task A_ticket_with_the_word_in_its_subject_ranks_above_a_newer_one_with_it_once_deep_in_a_message()
    {
        var word = Unique("cierre");
        var customer = await desk.CustomerInForceAsync("Distribuidora Norte");
        var inSubject = (await desk.IntakeAsync(customer, $"Error en el {word} de caja")).Str("number");
        var filler = string.Join(' ', Enumerable.Repeat("El sistema anda lento por la mañana y a veces se corta la conexión.", 30));
        var (deep, _) = await MailTicketAsync("Consulta general", $"{filler} Por cierto, también falló el {word} ayer. {filler}");

        var found = Numbers(await SearchAsync(desk.Consultant, word));
        Assert.Equal([inSubject, deep], found);
    }

    [Fact]
    public async Task Customers_contacts_and_incidents_are_found_and_kind_narrows_the_search()
    {
        var word = Unique("ferreteria");
        var customer = await desk.CustomerAsync($"Ferretería {word}");
        var contact = await desk.ContactAsync(customer, $"Rocío Peña {word}");
        var cuitDigits = customer.TaxId.Replace("-", "", StringComparison.Ordinal);
        var incident = await Api.Json(await desk.Consultant.PostAsJsonAsync("/api/v1/incidents", new
        {
            title = $"La {word} no imprime remitos", product = "Gestión", affectedVersion = "5.2", description = "Al imprimir un remito se cuelga.", severity = "high",
        }, Ct), HttpStatusCode.Created);
        await desk.IntakeAsync(customer, $"Consulta de {word}");

        var all = await SearchAsync(desk.Consultant, $"FERRETERÍA {word}");
        Assert.Equal(customer.Id, Items(all, "customers").Single().GetProperty("id").GetInt32());
        Assert.Contains("<mark>Ferretería</mark>", Items(all, "customers").Single().Str("snippet"));
        Assert.Equal(incident.Str("number"), Items(all, "incidents").Single().Str("number"));
        Assert.Single(Items(all, "tickets"));
        var byName = Items(await SearchAsync(desk.Consultant, $"rocio pena {word}"), "contacts").Single();
        Assert.Equal((contact.Id, customer.Id, contact.Email), (byName.GetProperty("id").GetInt32(), byName.GetProperty("customerId").GetInt32(), byName.Str("email")));
        // A contact by the start of their email, a customer by its CUIT with or without dashes, an incident by its number.
        Assert.Equal(contact.Id, Items(await SearchAsync(desk.Consultant, contact.Email.Split('@')[0], "contact"), "contacts").Single().GetProperty("id").GetInt32());
        Assert.Equal(customer.Id, Items(await SearchAsync(desk.Consultant, cuitDigits, "customer"), "customers").Single().GetProperty("id").GetInt32());
        Assert.Equal(customer.Id, Items(await SearchAsync(desk.Consultant, customer.TaxId, "customer"), "customers").Single().GetProperty("id").GetInt32());
        Assert.Equal(incident.Str("number"), Items(await SearchAsync(desk.Consultant, incident.Str("number"), "incident"), "incidents").Single().Str("number"));

        var onlyIncidents = await SearchAsync(desk.Consultant, word, "incident");
        Assert.Single(Items(onlyIncidents, "incidents"));
        Assert.Empty(Items(onlyIncidents, "tickets"));
        Assert.Empty(Items(onlyIncidents, "customers"));
        Assert.Empty(Items(onlyIncidents, "contacts"));

        // Renaming the customer in the app: the old name no longer finds it, the new one does.
        var renamed = Unique("corralon");
        var detail = await Api.Json(await desk.Administration.GetAsync($"/api/v1/customers/{customer.Id}", Ct), HttpStatusCode.OK);
        await Api.Json(await desk.Administration.PutAsJsonAsync($"/api/v1/customers/{customer.Id}", new
        {
            name = $"Corralón {renamed}", taxId = detail.Str("taxId"), phones = new[] { new { number = customer.Phone, label = "Central" } }, emailDomains = new[] { customer.Domain },
        }, Ct), HttpStatusCode.OK);
        Assert.Empty(Items(await SearchAsync(desk.Consultant, $"ferreteria {word}", "customer"), "customers"));
        Assert.Equal(customer.Id, Items(await SearchAsync(desk.Consultant, $"corralon {renamed}", "customer"), "customers").Single().GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Limit_pages_by_kind_and_says_when_there_is_more()
    {
        var word = Unique("pedido");
        var customer = await desk.CustomerInForceAsync("Mayorista Sur");
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add((await desk.IntakeAsync(customer, $"Pedido {i} {word}")).Str("number"));
        }
        var two = await SearchAsync(desk.Consultant, word, "ticket", limit: 2);
        Assert.Equal(2, Items(two, "tickets").Count);
        Assert.True(two.GetProperty("tickets").GetProperty("more").GetBoolean());
        var all = await SearchAsync(desk.Consultant, word, "ticket", limit: 3);
        numbers.Reverse();
        Assert.Equal(numbers, Numbers(all));
        Assert.False(all.GetProperty("tickets").GetProperty("more").GetBoolean());
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("factura OR")]
    [InlineData("NEAR(factura remito")]
    [InlineData("Subject: factura")]
    [InlineData("factura & remito | !caja")]
    [InlineData("'; DROP TABLE \"Tickets\"; --")]
    [InlineData("\"factura\"* AND -remito ^ {Text} : x")]
    [InlineData("ñandú ü 日本語 🙂")]
    [InlineData("a")]
    public async Task Hostile_query_text_is_answered_never_a_server_error(string q)
    {
        var response = await desk.Consultant.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Api.Json(response, HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("tickets").GetProperty("items").ValueKind);
    }

    [Fact]
    public async Task Bad_requests_name_the_parameter_and_anonymous_callers_are_refused()
    {
        await Api.FieldErrors(await desk.Consultant.GetAsync("/api/v1/search", Ct), "q");
        await Api.FieldErrors(await desk.Consultant.GetAsync("/api/v1/search?q=%20%20", Ct), "q");
        await Api.FieldErrors(await desk.Consultant.GetAsync($"/api/v1/search?q={new string('x', 201)}", Ct), "q");
        var kind = await Api.FieldErrors(await desk.Consultant.GetAsync("/api/v1/search?q=factura&kind=everything", Ct), "kind");
        Assert.Contains("ticket", kind.Single());
        await Api.FieldErrors(await desk.Consultant.GetAsync("/api/v1/search?q=factura&limit=500", Ct), "limit");
        await Api.Problem(await desk.App.CreateClient().GetAsync("/api/v1/search?q=factura", Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_rebuild_gives_the_same_answers_as_the_triggers_and_repairs_a_damaged_index()
    {
        var word = Unique("remito");
        var customer = await desk.CustomerInForceAsync($"Papelera {word}");
        var contact = await desk.ContactAsync(customer, $"Julián {word}");
        var ticket = (await desk.IntakeAsync(customer, $"No salen los {word}")).Str("number");
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{ticket}/notes", new { text = $"Revisar {word} con el cliente", @internal = true }, Ct), HttpStatusCode.OK);
        var (mailTicket, _) = await MailTicketAsync("Remitos", $"Los {word} salen en blanco");
        var queries = new[] { word, $"papelera {word}", $"julian {word}", "factur", "configuracion" };
        var incremental = new List<string>();
        foreach (var q in queries)
        {
            incremental.Add((await SearchAsync(desk.Consultant, q, limit: 50)).ToString());
        }
        Assert.Equal(new[] { mailTicket, ticket }.Order(), Numbers(await SearchAsync(desk.Consultant, word)).Order());

        // Damage the index as a bulk load with the triggers off would leave it, then rebuild.
        await using (var db = await desk.App.DbAsync())
        {
            await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Sqlite
                ? "DELETE FROM SearchCustomers; DELETE FROM SearchContacts;"
                : "DELETE FROM \"SearchDirectoryEntries\"; DELETE FROM \"SearchTicketEntries\" WHERE \"Source\" = 1;", Ct);
        }
        Assert.Empty(Items(await SearchAsync(desk.Consultant, $"papelera {word}"), "customers"));
        await desk.App.Services.GetRequiredService<ISearchIndex>().RebuildAsync(Ct);

        for (var i = 0; i < queries.Length; i++)
        {
            Assert.Equal(incremental[i], (await SearchAsync(desk.Consultant, queries[i], limit: 50)).ToString());
        }
        Assert.Contains(mailTicket, Numbers(await SearchAsync(desk.Consultant, word)));
        Assert.Equal(contact.Id, Items(await SearchAsync(desk.Consultant, $"julian {word}"), "contacts").Single().GetProperty("id").GetInt32());
    }
}

public sealed class SearchOnSqlite(SqliteDesk desk) : SearchTests(desk, DatabaseProvider.Sqlite), IClassFixture<SqliteDesk>;

public sealed class SearchOnPostgres(PostgresDesk desk) : SearchTests(desk, DatabaseProvider.Postgres), IClassFixture<PostgresDesk>;
