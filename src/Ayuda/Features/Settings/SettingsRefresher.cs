namespace Ayuda.Features.Settings;

/// <summary>
/// Loads the stored settings before the workers start (it is registered right after the database initializer), then
/// looks for changes saved on other hosts every few seconds.
/// </summary>
internal sealed class SettingsRefresher(SettingsStore store, TimeProvider clock, ILogger<SettingsRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(15);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Every, clock, stoppingToken);
                await store.RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Settings could not be refreshed; trying again in {Pause}", Every);
            }
        }
    }
}
