using Ayuda.Data;
using Ayuda.Features.Customers;
using Ayuda.Features.Intake;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Channels.Phone;

/// <summary>
/// <c>POST /api/v1/channels/phone/events</c>: the switchboard (or softphone) reports ringing, answered and hang-up.
/// Each event lands on the call with that id (created by whichever event comes first, as events can arrive out of
/// order or twice); the caller is identified by number and Administration sees the call live.
/// </summary>
public sealed class PhoneEvents(
    IDbContextFactory<AyudaDb> contexts,
    CallNotices notices,
    CallQueries queries,
    DeskClock desk,
    IStringLocalizer<Strings> l,
    ILogger<PhoneEvents> logger)
{
    public sealed record Request(string? Event, string? CallId, string? From, string? To, string? Direction = null, DateTimeOffset? At = null, string? Agent = null);

    private static readonly string[] Events = ["ringing", "answered", "hangup"];

    public Task<Outcome<CallView>> ExecuteAsync(Request request, CancellationToken cancellationToken) => ExecuteAsync(request, retried: false, cancellationToken);

    private async Task<Outcome<CallView>> ExecuteAsync(Request request, bool retried, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = request.Event?.Trim().ToLowerInvariant();
        if (kind is null || !Events.Contains(kind))
        {
            errors["event"] = [l["Calls.EventUnknown", request.Event ?? ""]];
        }
        if (string.IsNullOrWhiteSpace(request.CallId) || request.CallId.Trim().Length > 100)
        {
            errors["callId"] = [l["Calls.CallIdRequired"]];
        }
        var direction = CallDirection.Inbound;
        if (!string.IsNullOrWhiteSpace(request.Direction) && (!Enum.TryParse(request.Direction, ignoreCase: true, out direction) || !Enum.IsDefined(direction) || char.IsDigit(request.Direction.Trim()[0])))
        {
            errors["direction"] = [l["Calls.DirectionUnknown", request.Direction]];
        }
        var customerSide = direction == CallDirection.Inbound ? request.From : request.To;
        if (string.IsNullOrWhiteSpace(customerSide) || customerSide.Trim().Length > Call.MaxNumberLength)
        {
            errors[direction == CallDirection.Inbound ? "from" : "to"] = [l["Calls.NumberRequired", Call.MaxNumberLength]];
        }
        if (errors.Count > 0)
        {
            return Outcome<CallView>.Invalid(errors);
        }

        var now = desk.UtcNow;
        var at = request.At is { } given && given <= now.AddMinutes(5) ? given.ToUniversalTime() : now;
        var externalId = request.CallId!.Trim();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var call = await db.Calls.FirstOrDefaultAsync(c => c.ExternalId == externalId, cancellationToken);
        if (call is null)
        {
            var number = Phones.Normalise(customerSide) ?? customerSide!.Trim();
            var deskLine = direction == CallDirection.Inbound ? request.To : request.From;
            call = new Call(externalId, direction, number, Phones.Normalise(deskLine) ?? deskLine?.Trim() ?? "", at);
            var sender = await IdentifySender.FromAddressAsync(db, number, cancellationToken);
            call.Identify(sender?.CustomerId, sender?.ContactId);
            db.Calls.Add(call);
        }
        var agent = await AgentAsync(db, request.Agent, cancellationToken);
        _ = kind switch
        {
            "answered" => call.Answer(at, agent),
            "hangup" => call.HangUp(at),
            _ => false,
        };
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (call.Id == 0 && !retried)
        {
            // The same call's first two events raced and the other one created it: apply this event to that one.
            return await ExecuteAsync(request, retried: true, cancellationToken);
        }
        logger.LogInformation("Call {CallId} ({ExternalId}) {Event}: {State}", call.Id, externalId, kind, call.State);

        var view = (await queries.GetAsync(call.Id, cancellationToken))!;
        if (call.State is CallState.Ringing or CallState.Answered && call.TicketId is null)
        {
            notices.Show(new CallNotice(call.Id, call.State, call.Number, call.StartedAt, view.CustomerId, view.CustomerName, view.ContactName, view.Agreement, call.TakenByName));
        }
        else
        {
            notices.Remove(call.Id);
        }
        return Outcome<CallView>.Ok(view);
    }

    /// <summary>The staff member who answered, named by email (as the switchboard knows its extensions' users).</summary>
    private static async Task<Actor?> AgentAsync(AyudaDb db, string? agent, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(agent))
        {
            return null;
        }
        var normalized = agent.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        return user is null ? null : new Actor(user.Id, user.DisplayName);
    }
}
