using Ayuda.Data;
using Ayuda.Features.Notifications;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Incidents;

/// <summary>
/// What follows an incident's move, in the same transaction: a notice for the consultant of every linked ticket, and
/// on the moves the settings choose (Fixed and Delivered by default) an update to every linked customer.
/// </summary>
public sealed class IncidentFollowUp(StaffNotices notices, CustomerUpdates updates, IOptionsMonitor<IncidentOptions> options, IStringLocalizer<Strings> l)
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
        return AutoUpdateAsync(db, incident, tickets, actor, now, told, ct);
    }

    private async Task<IReadOnlyCollection<string>> AutoUpdateAsync(AyudaDb db, Incident incident, IReadOnlyList<Ticket> tickets, Actor actor, DateTimeOffset now,
        HashSet<string> told, CancellationToken ct)
    {
        if (options.CurrentValue.EffectiveAutoUpdateStates.Contains(incident.State))
        {
            foreach (var ticket in tickets.Where(t => t.State != TicketState.Closed))
            {
                if (!await updates.ComposeAsync(db, ticket, incident, null, actor, now, ct))
                {
                    // Nobody to write to (or WhatsApp outside its window without a template): the consultant is told so.
                    ticket.AddNote(l["Incidents.AutoUpdateImpossible", incident.Number], true, false, actor, now);
                }
            }
        }
        return told;
    }

    /// <summary>The move committed: open pages of the people told light their bell.</summary>
    public void Announce(IReadOnlyCollection<string> told) => notices.Announce(told);
}
