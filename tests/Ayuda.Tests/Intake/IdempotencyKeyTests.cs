using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Intake;

/// <summary>
/// A switchboard or integration that retries (a timeout, a host that died before answering) must not open a second
/// ticket: the same <c>Idempotency-Key</c> from the same caller answers with the ticket the first call opened.
/// </summary>
public abstract class IdempotencyKeyTests(Desk desk)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/intake") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }
        return await client.SendAsync(request, Ct);
    }

    private async Task<List<string>> TicketsOfAsync(int customerId) =>
        [.. (await Api.Json(await desk.Head.GetAsync($"/api/v1/tickets?customerId={customerId}&limit=100", Ct), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(t => t.Str("number"))];

    [Fact]
    public async Task A_retry_with_the_same_key_answers_with_the_ticket_already_opened()
    {
        var customer = await desk.CustomerInForceAsync("Molinos del Sur");
        var body = new { channel = "phone", customerId = customer.Id, subject = "No abre el sistema", description = "Desde las 9" };
        var key = Guid.NewGuid().ToString();

        var first = await Api.Json(await PostAsync(desk.Administration, body, key), HttpStatusCode.Created);
        var again = await Api.Json(await PostAsync(desk.Administration, body, key), HttpStatusCode.Created);

        Assert.Equal(first.Str("number"), again.Str("number"));
        Assert.Equal(("No abre el sistema", "pending", "Molinos del Sur"), (again.Str("subject"), again.Str("state"), again.GetProperty("customer").Str("name")));
        Assert.Equal([first.Str("number")], await TicketsOfAsync(customer.Id));
        // Without a key, or with a new one, the same contact is a new ticket: the key is what says "the same call".
        var other = await Api.Json(await PostAsync(desk.Administration, body, Guid.NewGuid().ToString()), HttpStatusCode.Created);
        await Api.Json(await PostAsync(desk.Administration, body, null), HttpStatusCode.Created);
        Assert.NotEqual(first.Str("number"), other.Str("number"));
        Assert.Equal(3, (await TicketsOfAsync(customer.Id)).Count);
    }

    [Fact]
    public async Task The_same_key_sent_many_times_at_once_opens_one_ticket_and_everyone_gets_it()
    {
        var customer = await desk.CustomerInForceAsync("Cooperativa La Unión");
        var body = new { channel = "phone", customerId = customer.Id, subject = "Se cortó la luz y no levanta", description = "Urgente" };
        var key = $"switchboard-call-{Guid.NewGuid():N}";

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ => await Api.Json(await PostAsync(desk.Administration, body, key), HttpStatusCode.Created)));

        var numbers = answers.Select(a => a.Str("number")).Distinct().ToList();
        Assert.Single(numbers);
        Assert.Equal(numbers, await TicketsOfAsync(customer.Id));
    }

    [Fact]
    public async Task Keys_belong_to_their_caller_and_a_key_reused_for_another_contact_is_refused()
    {
        var customer = await desk.CustomerInForceAsync("Transportes del Valle");
        var key = Guid.NewGuid().ToString();
        var byAdministration = await Api.Json(await PostAsync(desk.Administration,
            new { channel = "phone", customerId = customer.Id, subject = "Consulta de stock", description = "" }, key), HttpStatusCode.Created);
        // Another caller with the same key is another contact.
        var byHead = await Api.Json(await PostAsync(desk.Head,
            new { channel = "phone", customerId = customer.Id, subject = "Consulta de stock", description = "" }, key), HttpStatusCode.Created);
        Assert.NotEqual(byAdministration.Str("number"), byHead.Str("number"));

        // The same caller reusing the key for a different contact is told so, and nothing new is stored.
        var reused = await PostAsync(desk.Administration, new { channel = "phone", customerId = customer.Id, subject = "Otra cosa", description = "" }, key);
        var error = Assert.Single(await Api.FieldErrors(reused, "Idempotency-Key"));
        Assert.Contains(byAdministration.Str("number"), error);
        Assert.Equal(2, (await TicketsOfAsync(customer.Id)).Count);
    }

    [Theory]
    [InlineData("con espacios")]
    [InlineData("ñandú")]
    [InlineData("x")]
    public async Task A_malformed_key_is_a_readable_error_naming_the_header(string key)
    {
        var customer = await desk.CustomerInForceAsync("Bodega Cuyana");
        var sent = key == "x" ? new string('x', 101) : key;
        var response = await PostAsync(desk.Administration, new { channel = "phone", customerId = customer.Id, subject = "Consulta", description = "" }, sent);
        Assert.Contains("100", Assert.Single(await Api.FieldErrors(response, "Idempotency-Key")));
        Assert.Empty(await TicketsOfAsync(customer.Id));
    }
}

public sealed class IdempotencyKeyOnSqlite(SqliteDesk desk) : IdempotencyKeyTests(desk), IClassFixture<SqliteDesk>;

public sealed class IdempotencyKeyOnPostgres(PostgresDesk desk) : IdempotencyKeyTests(desk), IClassFixture<PostgresDesk>;
