using System.Net;
using System.Net.Http.Json;
using Ayuda.Data;
using Ayuda.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Ayuda.Tests.Supervision;

/// <summary>
/// A desk of its own with a clock the test moves, and one known week of work on it, made through the API:
/// <list type="bullet">
/// <item>T0 A1 (Ferretería Sur): Diego answers it on the line at T0+2h (usage query, closed).</item>
/// <item>T0+1h A2 (Ferretería Sur): Diego takes it at T0+4h, calls the customer (error), registers an incident at T0+5h: waits on R&amp;D.</item>
/// <item>T0+1h B1 (Clínica Norte): Lucía answers it on the line at T0+7h (closed).</item>
/// <item>T0+2h B2 (Clínica Norte): stays Pending. A3 (Ferretería Sur, contacted 35 days before T0): stays Pending.</item>
/// <item>T0+3h C1 (Óptica Vencida, agreement expired): a regularisation case.</item>
/// <item>T0+70h B3 (Clínica Norte): stays Pending. The clock stops at T0+72h.</item>
/// </list>
/// </summary>
public abstract class SupervisionData : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected SupervisionData(DatabaseProvider provider, PostgresServer? postgres)
    {
        // Noon at the desk four days back, so the week ends before the real now, agreements dated on the real today hold,
        // and every hour of the story falls on the desk day the reports expect whatever the time the tests run.
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Argentina/Buenos_Aires"));
        T0 = new DateTimeOffset(local.Year, local.Month, local.Day, 12, 0, 0, local.Offset).AddDays(-4).ToUniversalTime();
        Clock = new FakeTimeProvider(T0);
        Desk = new ClockDesk(provider, postgres, Clock);
    }

    public DateTimeOffset T0 { get; }
    public DateTimeOffset End => T0.AddHours(72);
    public FakeTimeProvider Clock { get; }
    public Desk Desk { get; }
    public Customer Ferreteria { get; private set; } = null!;
    public Customer Clinica { get; private set; } = null!;
    public Customer Optica { get; private set; } = null!;
    public Dictionary<string, string> Numbers { get; } = [];

    public async ValueTask InitializeAsync()
    {
        await Desk.InitializeAsync();
        Ferreteria = await Desk.CustomerInForceAsync("Ferretería Sur");
        Clinica = await Desk.CustomerInForceAsync("Clínica Norte");
        Optica = await Desk.CustomerExpiredAsync("Óptica Vencida");

        await AtAsync(0, () => IntakeAsync("A1", Ferreteria));
        await AtAsync(1, () => IntakeAsync("A2", Ferreteria));
        await AtAsync(1, () => IntakeAsync("B1", Clinica));
        await AtAsync(2, async () =>
        {
            await IntakeAsync("B2", Clinica);
            await IntakeAsync("A3", Ferreteria, T0.AddDays(-35));
            await OkAsync(Desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{Numbers["A1"]}/answer", new { answer = "Se explicó cómo reimprimir." }, Ct));
        });
        await AtAsync(3, () => IntakeAsync("C1", Optica));
        await AtAsync(4, async () =>
        {
            await OkAsync(Desk.Consultant.PostAsync($"/api/v1/tickets/{Numbers["A2"]}/take", null, Ct));
            await OkAsync(Desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{Numbers["A2"]}/classify", new { classification = "error" }, Ct));
            await OkAsync(Desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{Numbers["A2"]}/notes", new { text = "Llamé: el error se repite en todas las cajas.", call = true }, Ct));
        });
        await AtAsync(5, async () => await Api.Json(await Desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{Numbers["A2"]}/incident",
            new { title = "Caja cierra sin guardar", product = "Gestión Comercial", affectedVersion = "5.2.1", description = "d", severity = "high" }, Ct), HttpStatusCode.Created));
        await AtAsync(7, () => OkAsync(Desk.SecondConsultant.PostAsJsonAsync($"/api/v1/tickets/{Numbers["B1"]}/answer", new { answer = "Se reinició el servicio." }, Ct)));
        await AtAsync(70, () => IntakeAsync("B3", Clinica));
        Clock.SetUtcNow(End);
    }

    /// <summary>Moves the clock to T0 + <paramref name="hours"/> and does what happens then.</summary>
    private async Task AtAsync(int hours, Func<Task> work)
    {
        Clock.SetUtcNow(T0.AddHours(hours));
        await work();
    }

    private async Task IntakeAsync(string name, Customer customer, DateTimeOffset? contactedAt = null)
    {
        var ticket = await Desk.IntakeAsync(new { channel = "phone", customerId = customer.Id, subject = $"Caso {name}", description = "d", contactedAt });
        Numbers[name] = ticket.Str("number");
    }

    private static async Task OkAsync(Task<HttpResponseMessage> call) => await Api.Json(await call, HttpStatusCode.OK);

    public async ValueTask DisposeAsync()
    {
        await Desk.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private sealed class ClockDesk : Desk
    {
        public ClockDesk(DatabaseProvider provider, PostgresServer? postgres, TimeProvider clock) : base(provider, postgres)
        {
            App.Clock = clock;
            // Tokens are checked against the moved clock: long enough for the week the data set spans.
            App.Settings["Ayuda:Api:TokenLifetime"] = "10.00:00:00";
        }
    }
}

public sealed class SqliteSupervisionData() : SupervisionData(DatabaseProvider.Sqlite, null);

public sealed class PostgresSupervisionData(PostgresServer postgres) : SupervisionData(DatabaseProvider.Postgres, postgres);
