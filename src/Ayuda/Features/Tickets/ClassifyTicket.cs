using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Tickets;

/// <summary>The consultant classifies the case: usage query, error, new requirement, suggestion or complaint.</summary>
public sealed class ClassifyTicket(TicketChanges changes, IStringLocalizer<Strings> l)
{
    public Task<Outcome<TicketView>> ExecuteAsync(string number, Classification? classification, Actor actor, CancellationToken cancellationToken) =>
        classification is { } value && Enum.IsDefined(value)
            ? changes.ApplyAsync(number, (t, now) => t.Classify(value, actor, now), cancellationToken)
            : Task.FromResult(Outcome<TicketView>.Invalid("classification", l["Tickets.ClassificationRequired"]));

    public Task<Outcome<TicketView>> ChangePriorityAsync(string number, TicketPriority? priority, Actor actor, CancellationToken cancellationToken) =>
        priority is { } value && Enum.IsDefined(value)
            ? changes.ApplyAsync(number, (t, now) => t.ChangePriority(value, actor, now), cancellationToken)
            : Task.FromResult(Outcome<TicketView>.Invalid("priority", l["Tickets.PriorityRequired"]));
}
