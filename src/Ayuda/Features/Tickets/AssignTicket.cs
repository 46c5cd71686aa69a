using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Tickets;

/// <summary>The head of implementation assigns or reassigns a ticket to a consultant.</summary>
public sealed class AssignTicket(TicketChanges changes, IStringLocalizer<Strings> l, ILogger<AssignTicket> logger)
{
    public async Task<Outcome<TicketView>> ExecuteAsync(string number, string? userId, Actor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            return Outcome<TicketView>.Invalid("userId", l["Tickets.AssigneeRequired"]);
        }
        var outcome = await changes.ApplyAsync(number, async (ticket, db, now) =>
        {
            var roleIds = db.Roles.Where(r => r.Name == Roles.Consultant || r.Name == Roles.HeadOfImplementation).Select(r => r.Id);
            var user = await db.Users.Where(u => u.Id == userId)
                .Select(u => new { u.DisplayName, u.IsActive, CanWork = db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)) })
                .FirstOrDefaultAsync(cancellationToken);
            if (user is null)
            {
                throw DomainException.Invalid("Tickets.AssigneeUnknown", userId);
            }
            if (!user.IsActive || !user.CanWork)
            {
                throw DomainException.Invalid("Tickets.AssigneeNotConsultant", user.DisplayName);
            }
            ticket.Assign(userId, user.DisplayName, actor, now);
        }, cancellationToken);
        if (outcome.Succeeded)
        {
            logger.LogInformation("Ticket {Number} assigned to {UserId} by {ActorId}", number, userId, actor.Id);
        }
        return outcome;
    }
}
