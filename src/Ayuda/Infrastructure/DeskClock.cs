using Microsoft.Extensions.Options;

namespace Ayuda.Infrastructure;

/// <summary>The desk's notion of "now" and "today", in its configured time zone (agreements are dated in it).</summary>
public sealed class DeskClock(TimeProvider clock, IOptions<AyudaOptions> options)
{
    public DateTimeOffset UtcNow => clock.GetUtcNow();

    public TimeZoneInfo TimeZone => options.Value.DeskTimeZone;

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZone).DateTime);

    /// <summary>A stored instant shown as the desk's wall-clock time.</summary>
    public DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;

    /// <summary>A wall-clock time typed at the desk (a date and time picker) as an instant.</summary>
    public DateTimeOffset FromLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, TimeZone.GetUtcOffset(unspecified));
    }
}
