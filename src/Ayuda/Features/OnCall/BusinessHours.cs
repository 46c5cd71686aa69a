namespace Ayuda.Features.OnCall;

/// <summary>
/// When the desk is open: some weekdays from <see cref="Opens"/> to <see cref="Closes"/> (00:00 = midnight) in the
/// desk's time zone, except holidays. Pure: the settings and the holiday list are given.
/// </summary>
public sealed record BusinessHours(IReadOnlySet<DayOfWeek> Days, TimeOnly Opens, TimeOnly Closes, TimeZoneInfo Zone, IReadOnlySet<DateOnly> Holidays)
{
    public bool IsOpen(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        return !Holidays.Contains(DateOnly.FromDateTime(local))
            && Days.Contains(local.DayOfWeek)
            && time >= Opens && (Closes == TimeOnly.MinValue || time < Closes);
    }
}
