using Ayuda.Data;
using Ayuda.Features.Notifications;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Incidents;

/// <summary>
/// What follows an incident's move, in the same transaction: a notice for the consultant of every linked ticket.
/// </summary>
public sealed class IncidentFollowUp(StaffNotices notices, IStringLocalizer<Strings> l)
{
    /// <summary>Adds the notices to <paramref name="db"/>; returns who was told, to <see cref="Announce"/> once committed.</summary>
    public Task<IReadOnlyCollection<string>> MovedAsync(AyudaDb db, Incident incident, IncidentState from, IReadOnlyList<Ticket> tickets, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var told = new HashSet<string>();
        foreach (var ticket in tickets.Where(t => t.AssigneeId is not null && t.AssigneeId != actor.Id))
        {
            db.StaffNotices.Add(new StaffNotice(ticket.AssigneeId!,
                l["Incidents.Notice", incident.Number, l[$"IncidentState.{incident.State}"], ticket.Number, actor.Name], $"/tickets/{ticket.Number}", now));
            told.Add(ticket.AssigneeId!);
        }
        return Task.FromResult<IReadOnlyCollection<string>>(told);
    }

    /// <summary>The move committed: open pages of the people told light their bell.</summary>
    public void Announce(IReadOnlyCollection<string> told) => notices.Announce(told);
}
