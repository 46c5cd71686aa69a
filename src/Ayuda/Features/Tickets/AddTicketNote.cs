using Ayuda.Infrastructure;

namespace Ayuda.Features.Tickets;

/// <summary>An internal note (never reaches the customer), a public note, or the notes of a phone call.</summary>
public sealed class AddTicketNote(TicketChanges changes)
{
    public sealed record Request(string? Text, bool? Internal = true, bool? Call = false);

    public Task<Outcome<TicketView>> ExecuteAsync(string number, Request request, Actor actor, CancellationToken cancellationToken) =>
        changes.ApplyAsync(number, (t, now) => t.AddNote(request.Text ?? "", request.Internal ?? true, request.Call ?? false, actor, now), cancellationToken);
}
