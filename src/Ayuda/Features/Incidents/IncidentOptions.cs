using System.ComponentModel.DataAnnotations;

namespace Ayuda.Features.Incidents;

/// <summary>Settings under <c>Ayuda:Incidents</c>: keeping customers informed while their error is with R&amp;D.</summary>
public sealed class IncidentOptions
{
    public const string Section = "Ayuda:Incidents";

    /// <summary>
    /// Moves that send the customers of every linked ticket an update by themselves; null (nothing configured) means
    /// Fixed and Delivered. (A list default would be appended to by configuration binding, not replaced.)
    /// </summary>
    public List<IncidentState>? AutoUpdateStates { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<IncidentState> EffectiveAutoUpdateStates => AutoUpdateStates ?? [IncidentState.Fixed, IncidentState.Delivered];

    /// <summary>A ticket waiting on R&amp;D this many business days without news to the customer reminds its consultant.</summary>
    [Range(1, 60)]
    public int ReminderBusinessDays { get; set; } = 5;

    /// <summary>A version-update request unmoved this many days is listed as stalled.</summary>
    [Range(1, 365)]
    public int StalledVersionUpdateDays { get; set; } = 10;
}

/// <summary>Business days (Monday to Friday) between two dates of the desk: how long a customer has gone without news.</summary>
public static class BusinessDays
{
    /// <summary>Weekdays after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public static int Between(DateOnly from, DateOnly to)
    {
        var days = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days++;
            }
        }
        return days;
    }
}
