using Ayuda.Features.Tickets;

namespace Ayuda.Features.Supervision.Pages;

/// <summary>
/// Keeps a page's figures current: re-queries when a ticket changes on this host (at most once per
/// <see cref="MinInterval"/>, however many change), and every <see cref="Period"/> anyway for changes made on other hosts.
/// </summary>
/// <remarks>Wall-clock delays on purpose: this paces screen refreshes, it is not the desk's time.</remarks>
public sealed class LiveRefresh : IAsyncDisposable
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private readonly TicketSignal _signal;
    private readonly Func<Task> _refresh;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly PeriodicTimer _timer = new(Period);
    private DateTime _last = DateTime.MinValue;
    private int _scheduled;

    public LiveRefresh(TicketSignal signal, Func<Task> refresh)
    {
        _signal = signal;
        _refresh = refresh;
        _signal.Changed += OnChanged;
        _ = TickAsync();
    }

    private void OnChanged()
    {
        // Several changes while one refresh is waiting are answered by that one.
        if (Interlocked.Exchange(ref _scheduled, 1) == 1)
        {
            return;
        }
        _ = ThrottledAsync();
    }

    private async Task ThrottledAsync()
    {
        try
        {
            var wait = _last + MinInterval - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _stop.Token);
            }
            Interlocked.Exchange(ref _scheduled, 0);
            await RunAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The page went away while a refresh was waiting.
        }
    }

    private async Task TickAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_stop.Token))
            {
                await RunAsync();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The page went away.
        }
    }

    private async Task RunAsync()
    {
        await _gate.WaitAsync(_stop.Token);
        try
        {
            _last = DateTime.UtcNow;
            await _refresh();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _signal.Changed -= OnChanged;
        await _stop.CancelAsync();
        _timer.Dispose();
        _stop.Dispose();
    }
}
