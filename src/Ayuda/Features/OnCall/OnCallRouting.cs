using Ayuda.Data;
using Ayuda.Features.Notifications;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.OnCall;

/// <summary>
/// A ticket has just become Pending for Implementation: the consultant(s) on call hear of it on their bell and by
/// email, in the same transaction. Per the settings, the ticket is also assigned to one of them — the one with the
/// fewest open tickets when several rotations have someone on call.
/// </summary>
public sealed class OnCallRouting(OnCallQueries queries, StaffAlerts alerts, IOptionsMonitor<OnCallOptions> options, ILogger<OnCallRouting> logger)
{
    public async Task RouteAsync(AyudaDb db, Ticket ticket, DateTimeOffset now, CancellationToken ct)
    {
        if (ticket.State != TicketState.Pending || ticket.AssigneeId is not null)
        {
            return;
        }
        await RouteAsync(db, ticket, now, await PlanAsync(db, now, ct), ct);
    }

    /// <summary>
    /// Who is on call at <paramref name="now"/> and how to reach them: read once and used for every ticket of a burst
    /// saved together. Null when it could not be worked out (logged), so tickets are still saved, just not routed.
    /// </summary>
    public async Task<OnCallPlan?> PlanAsync(AyudaDb db, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            var hours = await queries.BusinessHoursAsync(db, now, ct);
            var rotations = await OnCallQueries.ActiveRotationsAsync(db, now, ct);
            List<(OnCallRotation Rotation, string UserId)> onCall = [.. rotations.Select(r => (Rotation: r, Shift: queries.Who(r, hours, now))).Where(x => x.Shift is not null)
                .Select(x => (x.Rotation, x.Shift!.UserId))];
            var people = onCall.Count == 0 ? [] : (await StaffAlerts.RecipientsAsync(db, onCall.Select(o => o.UserId), ct))
                .OrderBy(p => onCall.FindIndex(o => o.UserId == p.Id)).ToList();
            return new OnCallPlan(hours, onCall, people);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.LogError(e, "Who is on call could not be worked out: tickets are saved but not routed");
            return null;
        }
    }

    /// <summary>Routes one ticket that has just become Pending by a plan read in the same transaction.</summary>
    public async Task RouteAsync(AyudaDb db, Ticket ticket, DateTimeOffset now, OnCallPlan? plan, CancellationToken ct)
    {
        if (ticket.State != TicketState.Pending || ticket.AssigneeId is not null || plan is null)
        {
            return;
        }
        var (hours, onCall, people) = plan;
        if (onCall.Count == 0)
        {
            logger.LogInformation("Ticket {Number} is pending with nobody on call", ticket.Number);
            return;
        }
        if (people.Count == 0)
        {
            return;
        }
        var customer = ticket.CustomerId is { } id ? await db.Customers.Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync(ct) : null;
        customer ??= ticket.From ?? "";
        var mode = options.CurrentValue.AutoAssign;
        var link = $"/tickets/{ticket.Number}";
        IReadOnlyCollection<string> told;
        if (mode == AutoAssignMode.Always || (mode == AutoAssignMode.OutsideBusinessHours && !hours.IsOpen(now)))
        {
            var chosen = await LeastLoadedAsync(db, people, ct);
            var rotation = onCall.First(o => o.UserId == chosen.Id).Rotation;
            ticket.AssignByOnCall(chosen.Id, chosen.Name, rotation.Name, now);
            told = alerts.Tell(db, [chosen], OutboxKind.OnCall, link, s => (
                s["OnCall.AssignedNotice", ticket.Number, customer, rotation.Name],
                s["OnCall.AssignedSubject", ticket.Number, ticket.Subject],
                s["OnCall.AssignedBody", chosen.Name, ticket.Number, customer, ticket.Subject, ticket.Description, rotation.Name]), now);
            logger.LogInformation("Ticket {Number} assigned by on-call rotation {RotationId} to {UserId}", ticket.Number, rotation.Id, chosen.Id);
        }
        else
        {
            told = alerts.Tell(db, people, OutboxKind.OnCall, link, s => (
                s["OnCall.PendingNotice", ticket.Number, customer],
                s["OnCall.PendingSubject", ticket.Number, ticket.Subject],
                s["OnCall.PendingBody", ticket.Number, customer, ticket.Subject, ticket.Description]), now);
            logger.LogInformation("Ticket {Number} announced to {Count} on call", ticket.Number, told.Count);
        }
        AfterCommit.Register(db, () => alerts.Announce(told));
    }

    /// <summary>The person with the fewest open tickets assigned (ties: the one of the first rotation, by name).</summary>
    private static async Task<StaffRecipient> LeastLoadedAsync(AyudaDb db, List<StaffRecipient> people, CancellationToken ct)
    {
        if (people.Count == 1)
        {
            return people[0];
        }
        var ids = people.Select(p => p.Id).ToList();
        var loads = await db.Tickets.Where(t => t.AssigneeId != null && ids.Contains(t.AssigneeId) && t.State != TicketState.Resolved && t.State != TicketState.Closed)
            .GroupBy(t => t.AssigneeId!).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, ct);
        return people.Select((p, i) => (Person: p, Order: i)).OrderBy(x => loads.GetValueOrDefault(x.Person.Id)).ThenBy(x => x.Order).First().Person;
    }
}

/// <summary>Who is on call at one moment, with the business hours then and the people to tell (in rotation order).</summary>
public sealed record OnCallPlan(BusinessHours Hours, List<(OnCallRotation Rotation, string UserId)> OnCall, List<StaffRecipient> People);
