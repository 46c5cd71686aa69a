using System.Net;
using System.Net.Http.Json;
using Ayuda.Data;
using Ayuda.Features.Incidents;
using Ayuda.Infrastructure;
using Ayuda.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ayuda.Tests.Incidents;

/// <summary>
/// Customers are kept informed while their error is with R&amp;D: an update sent with one click (edited or as drafted),
/// and by itself when the incident is fixed and delivered, arriving at the real mail server; a reminder when a
/// customer has gone too many business days without news.
/// </summary>
public sealed class CustomerUpdateTests(SqliteMailDesk desk) : IClassFixture<SqliteMailDesk>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient _rnd = null!;

    public async ValueTask InitializeAsync() => _rnd = await desk.StaffAsync($"rnd{Desk.Next()}", "Roberto Desarrollo", "RnDManager");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<(string Ticket, Contact Contact, string Incident)> ErrorWithIncidentAsync(string customerName)
    {
        var customer = await desk.CustomerInForceAsync(customerName);
        var contact = await desk.ContactAsync(customer, "Gabriela Ortiz");
        var ticket = (await desk.IntakeAsync(new { channel = "phone", customerId = customer.Id, contactId = contact.Id, subject = "El IVA sale en cero" })).Str("number");
        await Api.Json(await desk.Consultant.PostAsync($"/api/v1/tickets/{ticket}/take", null, Ct), HttpStatusCode.OK);
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{ticket}/classify", new { classification = "error" }, Ct), HttpStatusCode.OK);
        var incident = (await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{ticket}/incident",
            new { title = "IVA en cero con descuento", product = "Gestión Comercial", affectedVersion = "5.2.1", description = "d", severity = "high" }, Ct), HttpStatusCode.Created)).Str("number");
        return (ticket, contact, incident);
    }

    private async Task MoveAsync(string incident, string to, string? fixVersion = null) =>
        await Api.Json(await _rnd.PostAsJsonAsync($"/api/v1/incidents/{incident}/transitions", new { to, comment = $"Interno: pasa a {to}", fixVersion }, Ct), HttpStatusCode.OK);

    [Fact]
    public async Task The_consultant_sends_an_edited_update_and_the_customer_gets_it_by_email()
    {
        var (ticket, contact, incident) = await ErrorWithIncidentAsync("Farmacia Central");
        var draft = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/tickets/{ticket}/incident-update", Ct), HttpStatusCode.OK);
        Assert.Equal("email", draft.Str("channel"));
        Assert.Equal(contact.Email, draft.Str("to"));
        Assert.Contains("el error que nos informó está registrada", draft.Str("text"));
        Assert.StartsWith("Hola Gabriela Ortiz:", draft.Str("text"));

        var edited = "Hola Gabriela: el equipo de desarrollo ya reprodujo el error; le aviso cuando esté la corrección.";
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{ticket}/incident-update", new { text = edited }, Ct), HttpStatusCode.OK);
        var mail = Assert.Single(await desk.SentToAsync(contact.Email, 1));
        Assert.Contains($"[#{ticket}] Novedades de su caso {ticket}", mail.Subject);
        Assert.Contains(edited, mail.Message.TextBody);
        Assert.DoesNotContain("Interno", mail.Message.TextBody);
    }

    [Fact]
    public async Task Fixed_and_delivered_tell_every_linked_customer_by_themselves_other_moves_do_not()
    {
        var (ticket, contact, incident) = await ErrorWithIncidentAsync("Librería Mitre");
        await MoveAsync(incident, "inAnalysis");
        await MoveAsync(incident, "inCorrection");
        await MoveAsync(incident, "fixed", "5.2.3");
        var fixedMail = Assert.Single(await desk.SentToAsync(contact.Email, 1));
        Assert.Contains("está corregida", fixedMail.Message.TextBody);
        Assert.Contains("La corrección viene en la versión 5.2.3.", fixedMail.Message.TextBody);
        Assert.DoesNotContain("Interno", fixedMail.Message.TextBody);

        await MoveAsync(incident, "delivered");
        var mails = await desk.SentToAsync(contact.Email, 2);
        Assert.Contains("está entregada", mails.OrderBy(m => m.ReceivedDate).Last().Message.TextBody);
        var timeline = await desk.TimelineAsync(ticket);
        Assert.Equal(2, timeline.Count(e => e.Str("kind") == "messageOut"));
    }

    [Fact]
    public async Task The_head_chooses_which_moves_tell_customers_by_themselves()
    {
        var settings = await Api.Json(await desk.Head.GetAsync("/api/v1/settings/incidents", Ct), HttpStatusCode.OK);
        Assert.Equal(["fixed", "delivered"], settings.GetProperty("autoUpdateStates").EnumerateArray().Select(s => s.GetString()));
        await Api.Problem(await desk.Consultant.GetAsync("/api/v1/settings/incidents", Ct), HttpStatusCode.Forbidden);
        var saved = await Api.Json(await desk.Head.PutAsJsonAsync("/api/v1/settings/incidents",
            new { version = settings.GetProperty("version").GetInt32(), autoUpdateStates = new[] { "inAnalysis" }, reminderBusinessDays = 3, stalledVersionUpdateDays = 10 }, Ct), HttpStatusCode.OK);
        try
        {
            var (_, contact, incident) = await ErrorWithIncidentAsync("Óptica Palermo");
            await MoveAsync(incident, "inAnalysis");
            var mail = Assert.Single(await desk.SentToAsync(contact.Email, 1));
            Assert.Contains("está en análisis", mail.Message.TextBody);
            Assert.Equal(["reminderBusinessDays"], (await Api.Problem(await desk.Head.PutAsJsonAsync("/api/v1/settings/incidents",
                new { version = saved.GetProperty("version").GetInt32(), autoUpdateStates = Array.Empty<string>(), reminderBusinessDays = 0, stalledVersionUpdateDays = 10 }, Ct),
                HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }
        finally
        {
            await Api.Json(await desk.Head.PutAsJsonAsync("/api/v1/settings/incidents",
                new { version = saved.GetProperty("version").GetInt32(), autoUpdateStates = new[] { "fixed", "delivered" }, reminderBusinessDays = 5, stalledVersionUpdateDays = 10 }, Ct), HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_customer_without_news_for_five_business_days_reminds_the_consultant()
    {
        var (ticket, _, _) = await ErrorWithIncidentAsync("Vidriería San Telmo");
        var real = DateTimeOffset.UtcNow;
        IncidentReminders At(DateTimeOffset now) => new(
            desk.App.Services.GetRequiredService<IDbContextFactory<AyudaDb>>(),
            new DeskClock(new FakeTimeProvider(now), Options.Create(new AyudaOptions())),
            desk.App.Services.GetRequiredService<IOptionsMonitor<IncidentOptions>>());
        var diego = desk.UserIds["diego"];

        // Two calendar days later: not yet. Ten later (at least six business days): reminded, with the count.
        Assert.DoesNotContain(await At(real.AddDays(2)).StaleAsync(diego, Ct), s => s.Number == ticket);
        var late = Assert.Single(await At(real.AddDays(10)).StaleAsync(diego, Ct), s => s.Number == ticket);
        Assert.True(late.BusinessDays >= 6, late.ToString());
        Assert.DoesNotContain(await At(real.AddDays(10)).StaleAsync(desk.UserIds["lucia"], Ct), s => s.Number == ticket);

        // News sent: the clock starts again from that message.
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{ticket}/incident-update", new { text = "Seguimos con el caso." }, Ct), HttpStatusCode.OK);
        var after = await At(real.AddDays(10)).StaleAsync(null, Ct);
        var row = Assert.Single(after, s => s.Number == ticket);
        Assert.True(row.LastUpdate > late.LastUpdate);
        Assert.Equal(4, BusinessDays.Between(new DateOnly(2026, 11, 27), new DateOnly(2026, 12, 3)));
    }
}
