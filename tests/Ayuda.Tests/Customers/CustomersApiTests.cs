using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Features.Customers;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Customers;

/// <summary>Administration keeps customers and contacts; anyone on the desk finds them by whatever the caller says.</summary>
public abstract class CustomersApiTests(Desk desk)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Administration_creates_a_customer_with_phones_stored_in_e164_and_a_readable_cuit()
    {
        var cuit = Desk.NewCuit();
        var body = new
        {
            name = "Panadería Núñez",
            taxId = Cuit.Format(cuit),
            phones = new[] { new { number = "011 4567-8901", label = "Central" }, new { number = "0351 15 555-1234", label = "Córdoba" } },
            emailDomains = new[] { $"@PanaderiaNunez{Desk.Next()}.com.ar" },
        };
        var response = await desk.Administration.PostAsJsonAsync("/api/v1/customers", body, Ct);
        var created = await Api.Json(response, HttpStatusCode.Created);
        Assert.Equal($"/api/v1/customers/{created.GetProperty("id").GetInt32()}", response.Headers.Location?.OriginalString);
        Assert.Equal(cuit, created.Str("taxId"));
        Assert.Equal(["+541145678901", "+5493515551234"], created.GetProperty("phones").EnumerateArray().Select(p => p.Str("number")));
        Assert.StartsWith("panaderianunez", created.GetProperty("emailDomains")[0].GetString());
        Assert.Equal("none", created.GetProperty("agreement").Str("kind"));

        var fetched = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/customers/{created.GetProperty("id").GetInt32()}", Ct), HttpStatusCode.OK);
        Assert.Equal("Panadería Núñez", fetched.Str("name"));
    }

    [Fact]
    public async Task A_cuit_with_a_wrong_check_digit_and_a_bad_phone_are_refused_by_field()
    {
        var cuit = Desk.NewCuit();
        var wrong = cuit[..10] + (char)('0' + (cuit[10] - '0' + 1) % 10);
        var body = new { name = "Ferretería Sur", taxId = wrong, phones = new[] { new { number = "hola", label = "" } } };
        var response = await desk.Administration.PostAsJsonAsync("/api/v1/customers", body, Ct);
        var problem = await Api.Problem(response, HttpStatusCode.BadRequest);
        Assert.Contains("dígito verificador", problem.GetProperty("errors").GetProperty("taxId")[0].GetString());
        Assert.Contains("'hola' no es un teléfono válido", problem.GetProperty("errors").GetProperty("phones")[0].GetString());
    }

    [Fact]
    public async Task A_public_mail_domain_is_refused_with_a_sentence_saying_why()
    {
        var body = new { name = "Kiosco Mitre", taxId = Desk.NewCuit(), emailDomains = new[] { "Gmail.com" } };
        var errors = await Api.FieldErrors(await desk.Administration.PostAsJsonAsync("/api/v1/customers", body, Ct), "emailDomains");
        Assert.Equal("'gmail.com' es un proveedor de correo público: no identifica a un cliente. Cargá esa dirección en el contacto.", Assert.Single(errors));
    }

    [Fact]
    public async Task A_cuit_already_used_is_refused_naming_the_customer_that_has_it()
    {
        var first = await desk.CustomerAsync("Librería Güemes");
        var body = new { name = "Otra Librería", taxId = Cuit.Format(first.TaxId) };
        var errors = await Api.FieldErrors(await desk.Administration.PostAsJsonAsync("/api/v1/customers", body, Ct), "taxId");
        Assert.Equal($"El CUIT {Cuit.Format(first.TaxId)} ya es de Librería Güemes.", Assert.Single(errors));
        var list = await Api.Json(await desk.Administration.GetAsync($"/api/v1/customers?query={first.TaxId}", Ct), HttpStatusCode.OK);
        Assert.Equal(["Librería Güemes"], list.Items().Select(c => c.Str("name")));
    }

    [Fact]
    public async Task An_email_domain_already_used_is_refused_naming_its_customer()
    {
        var first = await desk.CustomerAsync("Vidriería Oeste");
        var body = new { name = "Vidriería Este", taxId = Desk.NewCuit(), emailDomains = new[] { first.Domain.ToUpperInvariant() } };
        var errors = await Api.FieldErrors(await desk.Administration.PostAsJsonAsync("/api/v1/customers", body, Ct), "emailDomains");
        Assert.Equal($"El dominio {first.Domain} ya es de Vidriería Oeste.", Assert.Single(errors));
    }

    [Fact]
    public async Task Saving_the_same_new_customer_from_several_screens_at_once_creates_one_and_tells_the_others_why()
    {
        for (var round = 0; round < 5; round++)
        {
            var cuit = Desk.NewCuit();
            using var start = new Barrier(4);
            var saves = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
            {
                start.SignalAndWait(Ct);
                var response = await desk.Administration.PostAsJsonAsync("/api/v1/customers", new { name = $"Doble Clic {cuit} {i}", taxId = cuit }, Ct);
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(Ct));
            }, Ct)).ToList();
            var results = await Task.WhenAll(saves);
            Assert.True(results.Count(r => r.StatusCode == HttpStatusCode.Created) == 1 && results.Count(r => r.StatusCode == HttpStatusCode.BadRequest) == 3,
                $"Expected one 201 and three 400 'El CUIT ... ya es de ...', got: {string.Join(" | ", results.Select(r => $"{(int)r.StatusCode} {r.Body}"))}");
            Assert.All(results.Where(r => r.StatusCode == HttpStatusCode.BadRequest), r => Assert.Contains($"El CUIT {Cuit.Format(cuit)} ya es de Doble Clic", r.Body));
        }
    }

    [Fact]
    public async Task Updating_a_customer_renames_it_and_keeps_its_cuit_unique_to_itself()
    {
        var customer = await desk.CustomerAsync("Estudio Contable Paz");
        var body = new { name = "Estudio Paz & Asociados", taxId = customer.TaxId, phones = new[] { new { number = "+54 11 4999-0000", label = "" } } };
        var updated = await Api.Json(await desk.Administration.PutAsJsonAsync($"/api/v1/customers/{customer.Id}", body, Ct), HttpStatusCode.OK);
        Assert.Equal("Estudio Paz & Asociados", updated.Str("name"));
        Assert.Equal("+541149990000", Assert.Single(updated.GetProperty("phones").EnumerateArray()).Str("number"));
        var found = await Search("estudio paz &");
        Assert.Contains(found, m => m.GetProperty("id").GetInt32() == customer.Id);
    }

    [Fact]
    public async Task A_contact_is_added_with_email_lower_cased_and_mobile_in_e164()
    {
        var customer = await desk.CustomerAsync("Metalúrgica Ituzaingó");
        var body = new { name = "Juana Pérez", position = "Administración", emails = new[] { $"Juana.Perez@{customer.Domain}" }, phones = new[] { new { number = "011 15 4444-5555", whatsApp = true } } };
        var created = await Api.Json(await desk.Administration.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/contacts", body, Ct), HttpStatusCode.Created);
        Assert.Equal($"juana.perez@{customer.Domain}", created.GetProperty("emails")[0].GetString());
        Assert.Equal("+5491144445555", created.GetProperty("phones")[0].Str("number"));
        Assert.True(created.GetProperty("phones")[0].GetProperty("whatsApp").GetBoolean());

        var detail = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/customers/{customer.Id}", Ct), HttpStatusCode.OK);
        Assert.Equal("Juana Pérez", Assert.Single(detail.GetProperty("contacts").EnumerateArray()).Str("name"));
    }

    [Fact]
    public async Task Search_finds_a_customer_by_its_name_typed_without_accents_or_capitals()
    {
        var customer = await desk.CustomerAsync($"Cooperativa Eléctrica Añelo {Desk.Next()}");
        var found = await Search("cooperativa electrica anelo");
        Assert.Contains(found, m => m.GetProperty("id").GetInt32() == customer.Id);
        Assert.Equal("none", found.First(m => m.GetProperty("id").GetInt32() == customer.Id).GetProperty("agreement").Str("kind"));
    }

    [Fact]
    public async Task Search_finds_the_contact_by_a_phone_typed_with_spaces_and_dashes()
    {
        var customer = await desk.CustomerAsync("Distribuidora Rosario");
        var contact = await desk.ContactAsync(customer, "Martín Gómez");
        var digits = Desk.E164(contact.Phone)[5..]; // the 8 local digits
        var match = Assert.Single(await Search($"11 {digits[..4]} - {digits[4..]}"));
        Assert.Equal(customer.Id, match.GetProperty("id").GetInt32());
        Assert.Equal(contact.Id, match.GetProperty("matchedContactId").GetInt32());
        Assert.Equal("Martín Gómez", match.GetProperty("contacts")[0].Str("name"));
    }

    [Fact]
    public async Task Search_finds_the_customer_by_its_own_phone_the_contact_by_email_and_the_customer_by_domain()
    {
        var customer = await desk.CustomerAsync("Transportes Del Valle");
        var contact = await desk.ContactAsync(customer, "Sofía Ríos");

        Assert.Equal(customer.Id, Assert.Single(await Search(customer.Phone)).GetProperty("id").GetInt32());
        var byEmail = Assert.Single(await Search(contact.Email.ToUpperInvariant()));
        Assert.Equal((customer.Id, contact.Id), (byEmail.GetProperty("id").GetInt32(), byEmail.GetProperty("matchedContactId").GetInt32()));
        Assert.Equal(customer.Id, Assert.Single(await Search(customer.Domain)).GetProperty("id").GetInt32());
        Assert.Equal(customer.Id, Assert.Single(await Search($"alguien@{customer.Domain}")).GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Search_and_list_find_the_customer_by_cuit_with_or_without_dashes()
    {
        var customer = await desk.CustomerAsync("Agropecuaria La Pampa");
        Assert.Equal(customer.Id, Assert.Single(await Search(Cuit.Format(customer.TaxId))).GetProperty("id").GetInt32());
        Assert.Equal(customer.Id, Assert.Single(await Search(customer.TaxId)).GetProperty("id").GetInt32());

        var list = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/customers?query={Uri.EscapeDataString(Cuit.Format(customer.TaxId))}", Ct), HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal("Agropecuaria La Pampa", Assert.Single(list.Items()).Str("name"));
    }

    [Fact]
    public async Task List_by_name_shows_each_customer_with_its_agreement_badge()
    {
        var tag = Desk.Next();
        var inForce = await desk.CustomerInForceAsync($"Óptica Belgrano {tag}");
        var expired = await desk.CustomerExpiredAsync($"Optica Belgrano Sur {tag}");
        var list = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/customers?query=optica belgrano&pageSize=200", Ct), HttpStatusCode.OK);
        var rows = list.Items().ToDictionary(r => r.GetProperty("id").GetInt32(), r => r.GetProperty("agreement").Str("kind"));
        Assert.Equal("inForce", rows[inForce.Id]);
        Assert.Equal("expired", rows[expired.Id]);
    }

    [Fact]
    public async Task Unknown_customer_is_a_404_problem_naming_it()
    {
        await Api.Problem(await desk.Consultant.GetAsync("/api/v1/customers/987654", Ct), HttpStatusCode.NotFound, "No existe el cliente 987654.");
        var contact = await desk.Administration.PostAsJsonAsync("/api/v1/customers/987654/contacts", new { name = "Nadie" }, Ct);
        await Api.Problem(contact, HttpStatusCode.NotFound, "987654");
    }

    private async Task<List<JsonElement>> Search(string query) =>
        [.. (await Api.Json(await desk.Consultant.GetAsync($"/api/v1/customers/search?query={Uri.EscapeDataString(query)}", Ct), HttpStatusCode.OK)).EnumerateArray()];
}

public sealed class CustomersApiOnSqlite(SqliteDesk desk) : CustomersApiTests(desk), IClassFixture<SqliteDesk>;

public sealed class CustomersApiOnPostgres(PostgresDesk desk) : CustomersApiTests(desk), IClassFixture<PostgresDesk>;
