using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Ayuda.Features.Supervision;
using Ayuda.Features.Tickets;
using Ayuda.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ayuda.Tests.Supervision;

/// <summary>
/// The dashboard refreshes itself because every ticket save on this host raises one signal, after the commit: a page
/// that re-queries on it already sees the change. Saves that touch no ticket stay quiet.
/// </summary>
public abstract class TicketSignalTests(Desk desk)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_ticket_and_its_assignment_raise_the_signal_after_they_are_committed()
    {
        var signal = desk.App.Services.GetRequiredService<TicketSignal>();
        var queries = desk.App.Services.GetRequiredService<SupervisionQueries>();
        var customer = await desk.CustomerInForceAsync("Panadería Signal");
        var seenPending = new ConcurrentQueue<int>();
        // What a dashboard re-querying at the signal would read.
        void OnChanged() => seenPending.Enqueue(queries.SummaryAsync(CancellationToken.None).GetAwaiter().GetResult()
            .ByState.FirstOrDefault(s => s.State == TicketState.Pending)?.Count ?? 0);
        var before = (await queries.SummaryAsync(Ct)).ByState.FirstOrDefault(s => s.State == TicketState.Pending)?.Count ?? 0;
        signal.Changed += OnChanged;
        try
        {
            var number = (await desk.IntakeAsync(customer)).Str("number");
            Assert.Contains(before + 1, seenPending);

            seenPending.Clear();
            await Api.Json(await desk.Head.PostAsJsonAsync($"/api/v1/tickets/{number}/assign", new { userId = desk.UserIds["lucia"] }, Ct), HttpStatusCode.OK);
            Assert.Equal(before, Assert.Single(seenPending));

            seenPending.Clear();
            await Api.Json(await desk.Administration.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/contacts",
                new { name = "Sin ticket", emails = new[] { $"sin{Desk.Next()}@{customer.Domain}" } }, Ct), HttpStatusCode.Created);
            Assert.Empty(seenPending);
        }
        finally
        {
            signal.Changed -= OnChanged;
        }
    }
}

public sealed class TicketSignalOnSqlite(SqliteDesk desk) : TicketSignalTests(desk), IClassFixture<SqliteDesk>;

public sealed class TicketSignalOnPostgres(PostgresDesk desk) : TicketSignalTests(desk), IClassFixture<PostgresDesk>;
