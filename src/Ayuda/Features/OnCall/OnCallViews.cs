namespace Ayuda.Features.OnCall;

public sealed record OnCallMemberView(string Id, string Name);

public sealed record CoverageWindowView(DayOfWeek Day, string From, string To);

public sealed record OnCallOverrideView(long Id, string UserId, string UserName, DateTimeOffset From, DateTimeOffset To, string Reason, string CreatedBy);

public sealed record OnCallRotationView(int Id, string Name, IReadOnlyList<OnCallMemberView> Members, int ShiftDays, DayOfWeek HandOffDay,
    string HandOffTime, DateOnly StartsOn, string TimeZone, OnCallCoverage Coverage, IReadOnlyList<CoverageWindowView> Windows, bool Active,
    int Version, IReadOnlyList<OnCallOverrideView> Overrides, OnCallNowView? OnCallNow);

/// <summary>Who answers for a rotation now, until when, and whether an override put them there.</summary>
public sealed record OnCallNowView(int RotationId, string RotationName, string UserId, string UserName, DateTimeOffset Until, bool IsOverride);

public sealed record OnCallNowAnswer(bool BusinessHours, IReadOnlyList<OnCallNowView> OnCall);

public sealed record HolidayView(int Id, DateOnly Date, string Name);

/// <summary>One person's span on one day of the calendar (local times of the rotation's zone).</summary>
public sealed record CalendarSpan(string UserId, string UserName, DateTime From, DateTime To, bool IsOverride);

public sealed record CalendarDay(DateOnly Date, bool Holiday, IReadOnlyList<CalendarSpan> Spans);

public sealed record RotationCalendar(int RotationId, string RotationName, string TimeZone, OnCallCoverage Coverage, IReadOnlyList<CalendarDay> Days);
