using Ayuda.Features.OnCall;
using Ayuda.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Ayuda.Tests.OnCall;

/// <summary>Who is on call at a given instant: hand-offs to the minute, overrides, coverage, holidays and time zones.</summary>
public sealed class OnCallScheduleTests
{
    private const string BuenosAiresId = "America/Argentina/Buenos_Aires";
    private static readonly TimeZoneInfo BuenosAires = TimeZoneInfo.FindSystemTimeZoneById(BuenosAiresId);
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Monday to Friday, 09:00 to 18:00 in Buenos Aires, with the given holidays.</summary>
    private static BusinessHours Hours(params DateOnly[] holidays) => new(
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
        new TimeOnly(9, 0), new TimeOnly(18, 0), BuenosAires, holidays.ToHashSet());

    /// <summary>Ana, Beto, Carla a week each, handing over on Monday at 09:00, from Monday 2 March 2026.</summary>
    private static OnCallRotation Weekly(OnCallCoverage coverage = OnCallCoverage.Always, string zone = BuenosAiresId, IReadOnlyList<CoverageWindow>? windows = null) =>
        new("Soporte", ["ana", "beto", "carla"], 7, DayOfWeek.Monday, new TimeOnly(9, 0), new DateOnly(2026, 3, 1), zone, coverage, windows ?? [], Epoch);

    /// <summary>A clock set to a wall-clock time in Buenos Aires.</summary>
    private static FakeTimeProvider ClockAt(int month, int day, int hour, int minute, TimeZoneInfo? zone = null) =>
        new(OnCallSchedule.ToInstant(new DateTime(2026, month, day, hour, minute, 0), zone ?? BuenosAires));

    private static string? Who(OnCallRotation rotation, TimeProvider clock, BusinessHours? hours = null, params OnCallOverride[] overrides) =>
        OnCallSchedule.Who(rotation, overrides, hours ?? Hours(), clock.GetUtcNow())?.UserId;

    [Fact]
    public void The_hand_off_happens_at_the_exact_minute()
    {
        var rotation = Weekly();
        // It starts on Sunday 1 March: nobody before, Ana from then until a full week after the first hand-off.
        var clock = ClockAt(2, 28, 23, 59);
        Assert.Null(Who(rotation, clock));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("ana", Who(rotation, clock));
        Assert.Equal("ana", Who(rotation, ClockAt(3, 2, 9, 0)));

        clock = ClockAt(3, 9, 8, 59);
        Assert.Equal("ana", Who(rotation, clock));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("beto", Who(rotation, clock));
        clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal("carla", Who(rotation, clock));
        clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal("ana", Who(rotation, clock));
    }

    [Fact]
    public void Daily_shifts_hand_over_every_day_at_the_time_whatever_the_weekday()
    {
        var rotation = new OnCallRotation("Diaria", ["ana", "beto"], 1, DayOfWeek.Monday, new TimeOnly(8, 30), new DateOnly(2026, 3, 2), BuenosAiresId,
            OnCallCoverage.Always, [], Epoch);
        Assert.Equal("ana", Who(rotation, ClockAt(3, 3, 8, 29)));
        Assert.Equal("beto", Who(rotation, ClockAt(3, 3, 8, 30)));
        Assert.Equal("ana", Who(rotation, ClockAt(3, 4, 9, 0)));
    }

    [Fact]
    public void An_override_beats_the_rotation_for_its_period_only_and_the_latest_wins()
    {
        var rotation = Weekly();
        var from = OnCallSchedule.ToInstant(new DateTime(2026, 3, 3, 12, 0, 0), BuenosAires);
        var to = from.AddHours(6);
        var dario = OnCallOverride.Of("dario", from, to, id: 1);
        var eva = OnCallOverride.Of("eva", from.AddHours(2), from.AddHours(3), id: 2);

        Assert.Equal("ana", Who(rotation, ClockAt(3, 3, 11, 59), null, dario, eva));
        Assert.Equal("dario", Who(rotation, ClockAt(3, 3, 12, 0), null, dario, eva));
        Assert.Equal("eva", Who(rotation, ClockAt(3, 3, 14, 30), null, dario, eva));
        Assert.Equal("dario", Who(rotation, ClockAt(3, 3, 15, 0), null, dario, eva));
        Assert.Equal("ana", Who(rotation, ClockAt(3, 3, 18, 0), null, dario, eva));

        var shift = OnCallSchedule.Who(rotation, [dario], Hours(), from.AddHours(1))!;
        Assert.True(shift.IsOverride);
        Assert.Equal(to, shift.End);
    }

    [Fact]
    public void A_business_hours_rotation_rings_only_on_working_hours_and_never_on_a_holiday()
    {
        var rotation = Weekly(OnCallCoverage.BusinessHours);
        var afterHours = Weekly(OnCallCoverage.AfterHours);
        var hours = Hours(new DateOnly(2026, 3, 24)); // Tuesday 24 March: Día de la Memoria

        Assert.Equal("ana", Who(rotation, ClockAt(3, 3, 10, 0), hours));
        Assert.Null(Who(rotation, ClockAt(3, 3, 18, 0), hours));
        Assert.Null(Who(rotation, ClockAt(3, 7, 10, 0), hours)); // Saturday
        Assert.Null(Who(rotation, ClockAt(3, 24, 10, 0), hours));
        Assert.Equal("beto", Who(afterHours, ClockAt(3, 14, 10, 0), hours));
        // Week of 23 March: Ana's again. The holiday's morning is after hours; the next morning is business as usual.
        Assert.Equal("ana", Who(afterHours, ClockAt(3, 24, 10, 0), hours));
        Assert.Null(Who(afterHours, ClockAt(3, 25, 10, 0), hours));
        Assert.Equal("ana", Who(rotation, ClockAt(3, 25, 10, 0), hours));
    }

    [Fact]
    public void Weekly_windows_are_read_on_the_rotations_clock_with_midnight_as_the_end_of_the_day()
    {
        var rotation = Weekly(OnCallCoverage.Weekly, windows: [new(DayOfWeek.Saturday, new TimeOnly(10, 0), TimeOnly.MinValue)]);
        Assert.Null(Who(rotation, ClockAt(3, 7, 9, 59)));
        Assert.Equal("ana", Who(rotation, ClockAt(3, 7, 10, 0)));
        Assert.Equal("ana", Who(rotation, ClockAt(3, 7, 23, 59)));
        Assert.Null(Who(rotation, ClockAt(3, 8, 0, 0)));
    }

    [Fact]
    public void A_rotation_in_another_time_zone_hands_over_on_its_own_clock_across_a_daylight_saving_change()
    {
        var madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");
        var rotation = Weekly(zone: "Europe/Madrid");
        // Monday 9 March 09:00 in Madrid is 05:00 in Buenos Aires (UTC+1 vs UTC-3).
        Assert.Equal("ana", Who(rotation, ClockAt(3, 9, 4, 59)));
        Assert.Equal("beto", Who(rotation, ClockAt(3, 9, 5, 0)));
        Assert.Equal("ana", Who(rotation, ClockAt(3, 9, 8, 59, madrid)));
        Assert.Equal("beto", Who(rotation, ClockAt(3, 9, 9, 0, madrid)));
        // Spain moves to summer time on 29 March: the hand-off stays at 09:00 in Madrid, now 04:00 in Buenos Aires.
        Assert.Equal("ana", Who(rotation, ClockAt(3, 30, 3, 59)));
        Assert.Equal("beto", Who(rotation, ClockAt(3, 30, 4, 0)));
        Assert.Equal("beto", Who(rotation, ClockAt(3, 30, 9, 0, madrid)));

        // Business hours stay the desk's: 10:00 in Madrid is 06:00 at the desk, closed.
        var business = Weekly(OnCallCoverage.BusinessHours, "Europe/Madrid");
        Assert.Null(Who(business, ClockAt(3, 10, 10, 0, madrid)));
        Assert.Equal("beto", Who(business, ClockAt(3, 10, 10, 0)));
    }

    [Fact]
    public void The_shifts_of_a_period_cut_overrides_in_and_join_what_is_continuous()
    {
        var rotation = Weekly();
        var from = ClockAt(3, 2, 0, 0).GetUtcNow();
        var cover = OnCallOverride.Of("dario", ClockAt(3, 4, 9, 0).GetUtcNow(), ClockAt(3, 5, 9, 0).GetUtcNow(), id: 7);
        var shifts = OnCallSchedule.Shifts(rotation, [cover], from, from.AddDays(21));

        Assert.Equal(
            [("ana", 2, 0, false), ("dario", 4, 9, true), ("ana", 5, 9, false), ("beto", 9, 9, false), ("carla", 16, 9, false)],
            shifts.Select(s => (s.UserId, TimeZoneInfo.ConvertTime(s.Start, BuenosAires).Day, TimeZoneInfo.ConvertTime(s.Start, BuenosAires).Hour, s.IsOverride)).ToList());
        Assert.Equal(from.AddDays(21), shifts[^1].End);
    }

    [Fact]
    public void A_rotation_refuses_an_empty_member_list_a_repeated_member_and_an_unknown_time_zone()
    {
        Assert.Equal("OnCall.MembersRequired", Assert.Throws<DomainException>(() =>
            new OnCallRotation("X", [], 7, DayOfWeek.Monday, new TimeOnly(9, 0), new DateOnly(2026, 3, 1), BuenosAiresId, OnCallCoverage.Always, [], Epoch)).Key);
        Assert.Equal("OnCall.MembersRequired", Assert.Throws<DomainException>(() =>
            new OnCallRotation("X", ["a", "a"], 7, DayOfWeek.Monday, new TimeOnly(9, 0), new DateOnly(2026, 3, 1), BuenosAiresId, OnCallCoverage.Always, [], Epoch)).Key);
        Assert.Equal("OnCall.TimeZoneUnknown", Assert.Throws<DomainException>(() =>
            new OnCallRotation("X", ["a"], 7, DayOfWeek.Monday, new TimeOnly(9, 0), new DateOnly(2026, 3, 1), "Mars/Olympus", OnCallCoverage.Always, [], Epoch)).Key);
        Assert.Equal("OnCall.OverrideEndsBeforeStart", Assert.Throws<DomainException>(() =>
            Weekly().AddOverride("a", Epoch, Epoch, "", new Actor(null, "x"), Epoch)).Key);
    }

    [Fact]
    public void On_call_until_is_when_the_rotation_stops_ringing_not_the_next_hand_off()
    {
        // Friday 6 March 2026, 17:00: Ana's turn runs until Monday 09:00, but business hours end at 18:00 today.
        var friday = ClockAt(3, 6, 17, 0).GetUtcNow();
        var business = Weekly(OnCallCoverage.BusinessHours);
        var turnEnd = OnCallSchedule.Who(business, [], Hours(), friday)!.End;
        Assert.Equal(ClockAt(3, 9, 9, 0).GetUtcNow(), turnEnd);
        Assert.Equal(ClockAt(3, 6, 18, 0).GetUtcNow(), OnCallSchedule.CoveredUntil(business, Hours(), friday, turnEnd));

        // After hours on that Friday night: until Monday 09:00 (the desk opens), a holiday Monday keeps it until the turn ends.
        var night = ClockAt(3, 6, 22, 0).GetUtcNow();
        var afterHours = Weekly(OnCallCoverage.AfterHours);
        Assert.Equal(ClockAt(3, 9, 9, 0).GetUtcNow(), OnCallSchedule.CoveredUntil(afterHours, Hours(), night, ClockAt(3, 16, 9, 0).GetUtcNow()));
        Assert.Equal(ClockAt(3, 10, 9, 0).GetUtcNow(), OnCallSchedule.CoveredUntil(afterHours, Hours(new DateOnly(2026, 3, 9)), night, ClockAt(3, 16, 9, 0).GetUtcNow()));

        // Weekly windows: Saturday 10:00–14:00 ends at 14:00; around the clock ends with the turn.
        var saturday = Weekly(OnCallCoverage.Weekly, windows: [new CoverageWindow(DayOfWeek.Saturday, new TimeOnly(10, 0), new TimeOnly(14, 0))]);
        Assert.Equal(ClockAt(3, 7, 14, 0).GetUtcNow(), OnCallSchedule.CoveredUntil(saturday, Hours(), ClockAt(3, 7, 11, 0).GetUtcNow(), turnEnd));
        Assert.Equal(turnEnd, OnCallSchedule.CoveredUntil(Weekly(), Hours(), friday, turnEnd));
    }

    [Fact]
    public void A_start_date_more_than_five_years_away_is_refused_but_an_old_unchanged_one_is_kept()
    {
        Assert.Equal("OnCall.StartsOnRange", Assert.Throws<DomainException>(() =>
            new OnCallRotation("X", ["a"], 7, DayOfWeek.Monday, new TimeOnly(9, 0), new DateOnly(9999, 12, 31), BuenosAiresId, OnCallCoverage.Always, [], Epoch)).Key);
        Assert.Equal("OnCall.StartsOnRange", Assert.Throws<DomainException>(() =>
            new OnCallRotation("X", ["a"], 7, DayOfWeek.Monday, new TimeOnly(9, 0), new DateOnly(2020, 12, 1), BuenosAiresId, OnCallCoverage.Always, [], Epoch)).Key);

        // Seven years later the rotation started in 2026 can still be renamed: its start date is not being set.
        var rotation = Weekly();
        rotation.Change("Soporte 2033", rotation.MemberIds, 7, DayOfWeek.Monday, new TimeOnly(9, 0), rotation.StartsOn, BuenosAiresId, OnCallCoverage.Always, [], true, Epoch.AddYears(7));
        Assert.Equal("Soporte 2033", rotation.Name);
    }

    [Fact]
    public void A_rotation_starting_at_the_end_of_the_calendar_has_nobody_on_call_before_it_instead_of_failing()
    {
        // Friday 31 December 9999 with a Monday hand-off: the first hand-off would fall past the last representable day.
        var farAway = new DateTimeOffset(9999, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var rotation = new OnCallRotation("Lejana", ["ana"], 7, DayOfWeek.Monday, new TimeOnly(9, 0), new DateOnly(9999, 12, 31), BuenosAiresId, OnCallCoverage.Always, [], farAway);
        Assert.Null(Who(rotation, ClockAt(3, 10, 12, 0)));
        Assert.Null(OnCallSchedule.TurnAt(rotation, farAway));
    }
}
