using System.Collections.Concurrent;
using Ayuda.Features.Customers;

namespace Ayuda.Features.Channels.Phone;

/// <summary>
/// The calls going on right now, for the "incoming call" notice Administration sees on every page. Open pages
/// subscribe to <see cref="Changed"/>; a call leaves the list when it hangs up or its ticket is registered.
/// Held in memory on the host that received the switchboard's events.
/// </summary>
public sealed class CallNotices
{
    private readonly ConcurrentDictionary<long, CallNotice> _live = new();

    public event Action? Changed;

    public IReadOnlyList<CallNotice> Live => [.. _live.Values.OrderBy(n => n.StartedAt)];

    public void Show(CallNotice notice)
    {
        _live[notice.CallId] = notice;
        Changed?.Invoke();
    }

    public void Remove(long callId)
    {
        if (_live.TryRemove(callId, out _))
        {
            Changed?.Invoke();
        }
    }
}

/// <summary>A call as the notice shows it: who is calling, from which customer, with the agreement badge.</summary>
public sealed record CallNotice(
    long CallId,
    CallState State,
    string Number,
    DateTimeOffset StartedAt,
    int? CustomerId,
    string? CustomerName,
    string? ContactName,
    AgreementBadge Badge,
    string? TakenByName);
