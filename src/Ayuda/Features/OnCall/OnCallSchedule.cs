namespace Ayuda.Features.OnCall;

/// <summary>One span of a rotation with the person answering for it; <see cref="OverrideId"/> when an override put them there.</summary>
public sealed record OnCallShift(DateTimeOffset Start, DateTimeOffset End, string UserId, long? OverrideId)
{
    public bool IsOverride => OverrideId is not null;
}

/// <summary>
/// Who is on call, computed from a rotation, its overrides and the desk's business hours, with no database and no clock:
/// the caller says which instant. Hand-offs are on the rotation's wall clock, so a 09:00 hand-off stays at 09:00 across
/// daylight-saving changes. An override replaces the scheduled person for its period (the latest override wins where
/// two overlap); the rotation's coverage still says which hours ring.
/// </summary>
public static class OnCallSchedule
{
    /// <summary>Who answers for <paramref name="rotation"/> at <paramref name="instant"/>, or null (not covered, not started, inactive).</summary>
    public static OnCallShift? Who(OnCallRotation rotation, IEnumerable<OnCallOverride> overrides, BusinessHours hours, DateTimeOffset instant)
    {
        if (!rotation.IsActive || !Covers(rotation, hours, instant))
        {
            return null;
        }
        return PersonAt(rotation, overrides.ToList(), instant);
    }

    public static bool Covers(OnCallRotation rotation, BusinessHours hours, DateTimeOffset instant) => rotation.Coverage switch
    {
        OnCallCoverage.Always => true,
        OnCallCoverage.BusinessHours => hours.IsOpen(instant),
        OnCallCoverage.AfterHours => !hours.IsOpen(instant),
        _ => InWindows(rotation, instant),
    };

    /// <summary>
    /// The next instant after <paramref name="instant"/> at which the rotation stops ringing, no later than
    /// <paramref name="limit"/> (the end of the person's shift): a business-hours rotation on Friday at 17:00 answers
    /// until 18:00, not until Monday's hand-off. Coverage only changes at midnight, opening, closing or a window's edge,
    /// so only those moments are looked at.
    /// </summary>
    public static DateTimeOffset CoveredUntil(OnCallRotation rotation, BusinessHours hours, DateTimeOffset instant, DateTimeOffset limit)
    {
        if (rotation.Coverage == OnCallCoverage.Always)
        {
            return limit;
        }
        var weekly = rotation.Coverage == OnCallCoverage.Weekly;
        var zone = weekly ? rotation.Zone() : hours.Zone;
        var edges = (weekly ? rotation.Windows.SelectMany(w => new[] { w.From, w.To }) : [hours.Opens, hours.Closes])
            .Append(TimeOnly.MinValue).Distinct().Order().ToList();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(limit, zone).DateTime);
        for (var d = day; d <= last && d.DayNumber - day.DayNumber <= 400; d = d.AddDays(1))
        {
            foreach (var edge in edges)
            {
                var candidate = ToInstant(d.ToDateTime(edge), zone);
                if (candidate <= instant)
                {
                    continue;
                }
                if (candidate >= limit)
                {
                    return limit;
                }
                if (!Covers(rotation, hours, candidate))
                {
                    return candidate;
                }
            }
        }
        return limit;
    }

    /// <summary>The scheduled turn that contains <paramref name="instant"/>, ignoring overrides and coverage.</summary>
    public static OnCallShift? TurnAt(OnCallRotation rotation, DateTimeOffset instant)
    {
        if (rotation.MemberIds.Count == 0)
        {
            return null;
        }
        var zone = rotation.Zone();
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        var begins = rotation.StartsOn.ToDateTime(TimeOnly.MinValue);
        if (local < begins)
        {
            return null;
        }
        // Only now: for a start date near the end of the calendar the first hand-off cannot be computed (and is never needed before it).
        var first = FirstHandOff(rotation);
        // The first member starts on the start date and keeps the turn until a full shift after the first hand-off.
        var index = local < first ? 0 : (local - first).Ticks / TimeSpan.FromDays(rotation.ShiftDays).Ticks;
        var start = index == 0 ? begins : first.AddDays(index * rotation.ShiftDays);
        var end = first.AddDays((index + 1) * rotation.ShiftDays);
        var member = rotation.MemberIds[(int)(index % rotation.MemberIds.Count)];
        return new OnCallShift(ToInstant(start, zone), ToInstant(end, zone), member, null);
    }

    /// <summary>
    /// Everyone's spans between two instants, overrides cut in, adjacent spans of the same person joined: the calendar
    /// and the personal feeds. Coverage is not applied: a span is the period someone answers for the rotation.
    /// </summary>
    public static IReadOnlyList<OnCallShift> Shifts(OnCallRotation rotation, IEnumerable<OnCallOverride> overrides, DateTimeOffset from, DateTimeOffset to)
    {
        var relevant = overrides.Where(o => o.From < to && o.To > from).ToList();
        var cuts = new SortedSet<DateTimeOffset> { from, to };
        foreach (var o in relevant)
        {
            cuts.Add(o.From < from ? from : o.From);
            cuts.Add(o.To > to ? to : o.To);
        }
        var cursor = from;
        while (cursor < to && TurnAt(rotation, cursor) is { } turn)
        {
            cuts.Add(turn.End < to ? turn.End : to);
            cursor = turn.End;
        }
        if (cursor < to && TurnAt(rotation, cursor) is null)
        {
            // Before the start date nobody is scheduled; the first turn begins on it.
            var firstTurn = ToInstant(rotation.StartsOn.ToDateTime(TimeOnly.MinValue), rotation.Zone());
            for (var t = firstTurn; t < to; t = TurnAt(rotation, t)?.End ?? to)
            {
                cuts.Add(t);
            }
        }
        var result = new List<OnCallShift>();
        var points = cuts.Where(c => c >= from && c <= to).ToList();
        for (var i = 0; i + 1 < points.Count; i++)
        {
            var (start, end) = (points[i], points[i + 1]);
            if (PersonAt(rotation, relevant, start) is not { } who)
            {
                continue;
            }
            if (result.Count > 0 && result[^1] is var last && last.End == start && last.UserId == who.UserId && last.OverrideId == who.OverrideId)
            {
                result[^1] = last with { End = end };
            }
            else
            {
                result.Add(new OnCallShift(start, end, who.UserId, who.OverrideId));
            }
        }
        return result;
    }

    /// <summary>The wall-clock moment of the first hand-off: the first hand-off weekday on or after the start date.</summary>
    public static DateTime FirstHandOff(OnCallRotation rotation)
    {
        var days = ((int)rotation.HandOffDay - (int)rotation.StartsOn.DayOfWeek + 7) % 7;
        return rotation.StartsOn.AddDays(days).ToDateTime(rotation.HandOffTime);
    }

    private static OnCallShift? PersonAt(OnCallRotation rotation, IReadOnlyList<OnCallOverride> overrides, DateTimeOffset instant)
    {
        var replacing = overrides.Where(o => o.From <= instant && instant < o.To).OrderByDescending(o => o.Id).ThenByDescending(o => o.From).FirstOrDefault();
        if (replacing is not null)
        {
            return new OnCallShift(replacing.From, replacing.To, replacing.UserId, replacing.Id);
        }
        return TurnAt(rotation, instant);
    }

    private static bool InWindows(OnCallRotation rotation, DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, rotation.Zone()).DateTime;
        var time = TimeOnly.FromDateTime(local);
        return rotation.Windows.Any(w => w.Contains(local.DayOfWeek, time));
    }

    /// <summary>A wall-clock time in a zone as an instant; a time skipped by a daylight-saving jump counts as the jump's end.</summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(wall))
        {
            wall = wall.AddMinutes(30);
        }
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }
}
