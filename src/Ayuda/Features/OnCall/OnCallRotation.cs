using Ayuda.Infrastructure;

namespace Ayuda.Features.OnCall;

/// <summary>Which hours of the day a rotation answers for.</summary>
public enum OnCallCoverage
{
    /// <summary>Around the clock.</summary>
    Always,
    /// <summary>Only during the desk's business hours (holidays are not business hours).</summary>
    BusinessHours,
    /// <summary>Only outside the desk's business hours (nights, weekends, holidays).</summary>
    AfterHours,
    /// <summary>The rotation's own weekday windows, in its time zone.</summary>
    Weekly,
}

/// <summary>One weekday window of a <see cref="OnCallCoverage.Weekly"/> rotation; <see cref="To"/> 00:00 means until midnight.</summary>
public sealed record CoverageWindow(DayOfWeek Day, TimeOnly From, TimeOnly To)
{
    public bool Contains(DayOfWeek day, TimeOnly time) =>
        day == Day && time >= From && (To == TimeOnly.MinValue || time < To);
}

/// <summary>
/// A permanent on-call rotation (guardia permanente) defined by the head of implementation: its members take turns of
/// <see cref="ShiftDays"/> days, handing over on <see cref="HandOffDay"/> at <see cref="HandOffTime"/> in its time zone.
/// The first member is on call from <see cref="StartsOn"/> until a full shift after the first hand-off day from that date.
/// </summary>
public sealed class OnCallRotation
{
    public const int MaxNameLength = 100;
    public const int MaxShiftDays = 28;
    public const int MaxMembers = 30;

    /// <summary>How far from today a start date may be set: beyond this it is a typo, and dates near the calendar's ends cannot be computed.</summary>
    public const int MaxStartYears = 5;

    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Staff user ids in turn order.</summary>
    public List<string> MemberIds { get; private set; } = [];
    public int ShiftDays { get; private set; } = 7;
    public DayOfWeek HandOffDay { get; private set; } = DayOfWeek.Monday;
    public TimeOnly HandOffTime { get; private set; } = new(9, 0);
    public DateOnly StartsOn { get; private set; }

    /// <summary>IANA time zone the hand-off and the weekly windows are read in.</summary>
    public string TimeZone { get; private set; } = "";
    public OnCallCoverage Coverage { get; private set; }
    public List<CoverageWindow> Windows { get; private set; } = [];
    public bool IsActive { get; private set; } = true;
    public DateTimeOffset UpdatedAt { get; private set; }
    public int Version { get; private set; }
    public List<OnCallOverride> Overrides { get; private set; } = [];

    private OnCallRotation() { }

    public OnCallRotation(string name, IReadOnlyList<string> memberIds, int shiftDays, DayOfWeek handOffDay, TimeOnly handOffTime,
        DateOnly startsOn, string timeZone, OnCallCoverage coverage, IReadOnlyList<CoverageWindow> windows, DateTimeOffset now) =>
        Change(name, memberIds, shiftDays, handOffDay, handOffTime, startsOn, timeZone, coverage, windows, true, now);

    public void Change(string name, IReadOnlyList<string> memberIds, int shiftDays, DayOfWeek handOffDay, TimeOnly handOffTime,
        DateOnly startsOn, string timeZone, OnCallCoverage coverage, IReadOnlyList<CoverageWindow> windows, bool isActive, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
        {
            throw DomainException.Invalid("OnCall.NameRequired", MaxNameLength);
        }
        if (memberIds.Count == 0 || memberIds.Count > MaxMembers || memberIds.Distinct(StringComparer.Ordinal).Count() != memberIds.Count)
        {
            throw DomainException.Invalid("OnCall.MembersRequired", MaxMembers);
        }
        if (shiftDays is < 1 or > MaxShiftDays)
        {
            throw DomainException.Invalid("OnCall.ShiftDaysRange", MaxShiftDays);
        }
        if (coverage == OnCallCoverage.Weekly && (windows.Count == 0 || windows.Any(w => w.To != TimeOnly.MinValue && w.To <= w.From)))
        {
            throw DomainException.Invalid("OnCall.WindowsRequired");
        }
        // An unchanged start date is kept however old it is: a rotation started years ago may still be renamed.
        if (startsOn != StartsOn && !StartsOnInRange(startsOn, DateOnly.FromDateTime(now.UtcDateTime), slackDays: 1))
        {
            throw DomainException.Invalid("OnCall.StartsOnRange", MaxStartYears);
        }
        Zone(timeZone);
        Name = name.Trim();
        MemberIds = [.. memberIds];
        ShiftDays = shiftDays;
        HandOffDay = handOffDay;
        HandOffTime = handOffTime;
        StartsOn = startsOn;
        TimeZone = timeZone;
        Coverage = coverage;
        Windows = coverage == OnCallCoverage.Weekly ? [.. windows] : [];
        IsActive = isActive;
        UpdatedAt = now;
        Version++;
    }

    public TimeZoneInfo Zone() => Zone(TimeZone);

    /// <summary>Whether a start date is within <see cref="MaxStartYears"/> of <paramref name="today"/> (plus a day either side for the caller's time zone).</summary>
    public static bool StartsOnInRange(DateOnly startsOn, DateOnly today, int slackDays = 0)
    {
        // Computed on day numbers so a "today" near either end of the calendar cannot overflow.
        var low = today.Year - MaxStartYears >= DateOnly.MinValue.Year ? today.AddYears(-MaxStartYears).DayNumber : DateOnly.MinValue.DayNumber;
        var high = today.Year + MaxStartYears <= DateOnly.MaxValue.Year ? today.AddYears(MaxStartYears).DayNumber : DateOnly.MaxValue.DayNumber;
        return startsOn.DayNumber >= low - slackDays && startsOn.DayNumber <= high + slackDays;
    }

    /// <summary>Someone covers for the scheduled member from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public OnCallOverride AddOverride(string userId, DateTimeOffset from, DateTimeOffset to, string reason, Actor actor, DateTimeOffset now)
    {
        if (to <= from)
        {
            throw DomainException.Invalid("OnCall.OverrideEndsBeforeStart");
        }
        if (reason.Length > OnCallOverride.MaxReasonLength)
        {
            throw DomainException.Invalid("OnCall.ReasonTooLong", OnCallOverride.MaxReasonLength);
        }
        var added = new OnCallOverride(userId, from.ToUniversalTime(), to.ToUniversalTime(), reason.Trim(), actor, now);
        Overrides.Add(added);
        UpdatedAt = now;
        return added;
    }

    private static TimeZoneInfo Zone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            throw DomainException.Invalid("OnCall.TimeZoneUnknown", id);
        }
    }
}

/// <summary>An exception to the rotation: this person is on call instead of the scheduled member for a period.</summary>
public sealed class OnCallOverride
{
    public const int MaxReasonLength = 500;

    public long Id { get; private set; }
    public int RotationId { get; private set; }
    public string UserId { get; private set; } = "";
    public DateTimeOffset From { get; private set; }
    public DateTimeOffset To { get; private set; }
    public string Reason { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    private OnCallOverride() { }

    internal OnCallOverride(string userId, DateTimeOffset from, DateTimeOffset to, string reason, Actor actor, DateTimeOffset now)
    {
        UserId = userId;
        From = from;
        To = to;
        Reason = reason;
        CreatedByName = actor.Name;
        CreatedAt = now;
    }

    /// <summary>For tests and the schedule: an override not (yet) stored.</summary>
    public static OnCallOverride Of(string userId, DateTimeOffset from, DateTimeOffset to, long id = 0) =>
        new(userId, from, to, "", new Actor(null, ""), from) { Id = id };
}
