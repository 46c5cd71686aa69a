using Ayuda.Data;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.OnCall;

/// <summary>Reads of the on-call feature: rotations, who is on call now, the calendar, holidays and the business hours.</summary>
public sealed class OnCallQueries(IDbContextFactory<AyudaDb> contexts, IOptionsMonitor<OnCallOptions> options, DeskClock desk, IStringLocalizer<Strings> l,
    ILogger<OnCallQueries> logger)
{
    public const int MaxCalendarWeeks = 26;

    /// <summary>The desk's business hours with the holidays around <paramref name="around"/> (a year either side).</summary>
    public async Task<BusinessHours> BusinessHoursAsync(AyudaDb db, DateTimeOffset around, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(desk.Local(around));
        var (from, to) = (day.AddYears(-1), day.AddYears(1));
        var holidays = await db.Holidays.AsNoTracking().Where(h => h.Date >= from && h.Date <= to).Select(h => h.Date).ToListAsync(ct);
        var settings = options.CurrentValue;
        return new BusinessHours(settings.EffectiveBusinessDays.ToHashSet(), settings.Opens, settings.Closes, desk.TimeZone, holidays.ToHashSet());
    }

    /// <summary>Active rotations with the overrides that have not ended before <paramref name="since"/>.</summary>
    public static Task<List<OnCallRotation>> ActiveRotationsAsync(AyudaDb db, DateTimeOffset since, CancellationToken ct)
    {
        // PostgreSQL (Npgsql) takes only UTC instants as parameters; the calendar passes a local midnight.
        var utc = since.ToUniversalTime();
        return db.OnCallRotations.AsNoTracking().Where(r => r.IsActive).Include(r => r.Overrides.Where(o => o.To > utc)).OrderBy(r => r.Name).ToListAsync(ct);
    }

    /// <summary>How long the header may show a "who is on call now" read from the database before asking again.</summary>
    public static readonly TimeSpan HeaderCacheFor = TimeSpan.FromSeconds(15);

    /// <summary>The answer and the business hours it was worked out with.</summary>
    private Kept<(OnCallNowAnswer Answer, OnCallOptions Hours)>? _header;
    private int _version;

    /// <summary>
    /// Who is on call now, for the app bar of every page: the answer is kept for <see cref="HeaderCacheFor"/> (or until
    /// the first shift in it ends), so the header does not ask the database on every page. A change to rotations,
    /// overrides, holidays or the business hours on this host forgets it at once (<see cref="ForgetNow"/>); other
    /// hosts see the change within <see cref="HeaderCacheFor"/>, as the header's own refresh every minute would.
    /// </summary>
    public async Task<OnCallNowAnswer> NowForHeaderAsync(CancellationToken ct)
    {
        var now = desk.UtcNow;
        var version = Volatile.Read(ref _version);
        // New business hours (the settings page) are a new options object: they change who answers now.
        if (_header is { } kept && kept.FreshAt(version, now) && ReferenceEquals(kept.Value.Hours, options.CurrentValue))
        {
            return kept.Value.Answer;
        }
        var hours = options.CurrentValue;
        var answer = await NowAsync(ct);
        var until = answer.OnCall.Select(o => o.Until).Append(now + HeaderCacheFor).Min();
        _header = new((answer, hours), version, until);
        return answer;
    }

    /// <summary>Called after a change to rotations, overrides or holidays: the header reads who is on call again.</summary>
    public void ForgetNow() => Interlocked.Increment(ref _version);

    public async Task<OnCallNowAnswer> NowAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = desk.UtcNow;
        var hours = await BusinessHoursAsync(db, now, ct);
        var rotations = await ActiveRotationsAsync(db, now, ct);
        var who = rotations.Select(r => (Rotation: r, Shift: Who(r, hours, now))).Where(x => x.Shift is not null).ToList();
        var names = await NamesAsync(db, who.Select(x => x.Shift!.UserId), ct);
        return new OnCallNowAnswer(hours.IsOpen(now),
            [.. who.Select(x => new OnCallNowView(x.Rotation.Id, x.Rotation.Name, x.Shift!.UserId, names.GetValueOrDefault(x.Shift.UserId, "?"), x.Shift.End, x.Shift.IsOverride))]);
    }

    public async Task<IReadOnlyList<OnCallRotationView>> ListAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = desk.UtcNow;
        var rotations = await db.OnCallRotations.AsNoTracking().Include(r => r.Overrides.Where(o => o.To > now)).OrderBy(r => r.Name).ToListAsync(ct);
        return await ViewsAsync(db, rotations, now, ct);
    }

    public async Task<OnCallRotationView?> GetAsync(int id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = desk.UtcNow;
        var rotation = await db.OnCallRotations.AsNoTracking().Include(r => r.Overrides.Where(o => o.To > now)).FirstOrDefaultAsync(r => r.Id == id, ct);
        return rotation is null ? null : (await ViewsAsync(db, [rotation], now, ct))[0];
    }

    internal async Task<OnCallRotationView> ViewAsync(AyudaDb db, OnCallRotation rotation, CancellationToken ct) =>
        (await ViewsAsync(db, [rotation], desk.UtcNow, ct))[0];

    /// <summary>Every active rotation, day by day from the desk's today for <paramref name="weeks"/> weeks: who covers, overrides marked.</summary>
    public async Task<IReadOnlyList<RotationCalendar>> CalendarAsync(int weeks, CancellationToken ct)
    {
        weeks = Math.Clamp(weeks, 1, MaxCalendarWeeks);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var today = desk.Today;
        var start = OnCallSchedule.ToInstant(today.ToDateTime(TimeOnly.MinValue), desk.TimeZone);
        var rotations = await ActiveRotationsAsync(db, start, ct);
        var end = start.AddDays(weeks * 7 + 1);
        var holidays = (await db.Holidays.AsNoTracking().Where(h => h.Date >= today && h.Date <= today.AddDays(weeks * 7)).Select(h => h.Date).ToListAsync(ct)).ToHashSet();
        var calendars = new List<RotationCalendar>();
        var shifts = rotations.ToDictionary(r => r.Id, r => Shifts(r, start.AddDays(-1), end.AddDays(1)));
        var names = await NamesAsync(db, shifts.Values.SelectMany(s => s).Select(s => s.UserId), ct);
        foreach (var rotation in rotations)
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(rotation.TimeZone, out var zone))
            {
                logger.LogError("On-call rotation {RotationId} has an unknown time zone {TimeZone}; left out of the calendar", rotation.Id, rotation.TimeZone);
                continue;
            }
            var days = new List<CalendarDay>();
            for (var i = 0; i < weeks * 7; i++)
            {
                var date = today.AddDays(i);
                var dayStart = OnCallSchedule.ToInstant(date.ToDateTime(TimeOnly.MinValue), zone);
                var dayEnd = OnCallSchedule.ToInstant(date.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
                var spans = shifts[rotation.Id].Where(s => s.Start < dayEnd && s.End > dayStart)
                    .Select(s => new CalendarSpan(s.UserId, names.GetValueOrDefault(s.UserId, "?"),
                        TimeZoneInfo.ConvertTime(s.Start < dayStart ? dayStart : s.Start, zone).DateTime,
                        TimeZoneInfo.ConvertTime(s.End > dayEnd ? dayEnd : s.End, zone).DateTime, s.IsOverride))
                    .ToList();
                days.Add(new CalendarDay(date, holidays.Contains(date), spans));
            }
            calendars.Add(new RotationCalendar(rotation.Id, rotation.Name, rotation.TimeZone, rotation.Coverage, days));
        }
        return calendars;
    }

    public async Task<Outcome<IReadOnlyList<HolidayView>>> HolidaysAsync(int? year, CancellationToken ct)
    {
        if (year is < 1 or > 9999)
        {
            return Outcome<IReadOnlyList<HolidayView>>.Invalid("year", l["OnCall.YearRange"]);
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Holidays.AsNoTracking();
        if (year is { } y)
        {
            var (from, to) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
            query = query.Where(h => h.Date >= from && h.Date <= to);
        }
        return Outcome<IReadOnlyList<HolidayView>>.Ok(await query.OrderBy(h => h.Date).Take(1000).Select(h => new HolidayView(h.Id, h.Date, h.Name)).ToListAsync(ct));
    }

    /// <summary>Staff who can be on call (consultants and the head), active, by name.</summary>
    public async Task<IReadOnlyList<OnCallMemberView>> EligibleAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await EligibleQuery(db).OrderBy(u => u.DisplayName).Select(u => new OnCallMemberView(u.Id, u.DisplayName)).ToListAsync(ct);
    }

    internal static IQueryable<Staff.StaffUser> EligibleQuery(AyudaDb db)
    {
        var roleIds = db.Roles.Where(r => r.Name == Staff.Roles.Consultant || r.Name == Staff.Roles.HeadOfImplementation).Select(r => r.Id);
        return db.Users.AsNoTracking().Where(u => u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)));
    }

    internal static async Task<Dictionary<string, string>> NamesAsync(AyudaDb db, IEnumerable<string> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    private async Task<IReadOnlyList<OnCallRotationView>> ViewsAsync(AyudaDb db, IReadOnlyList<OnCallRotation> rotations, DateTimeOffset now, CancellationToken ct)
    {
        var hours = await BusinessHoursAsync(db, now, ct);
        var names = await NamesAsync(db, rotations.SelectMany(r => r.MemberIds.Concat(r.Overrides.Select(o => o.UserId))), ct);
        return [.. rotations.Select(r =>
        {
            var current = Who(r, hours, now);
            return new OnCallRotationView(r.Id, r.Name, [.. r.MemberIds.Select(m => new OnCallMemberView(m, names.GetValueOrDefault(m, "?")))],
                r.ShiftDays, r.HandOffDay, Hhmm(r.HandOffTime), r.StartsOn, r.TimeZone, r.Coverage,
                [.. r.Windows.Select(w => new CoverageWindowView(w.Day, Hhmm(w.From), Hhmm(w.To)))], r.IsActive, r.Version,
                [.. r.Overrides.Where(o => o.To > now).OrderBy(o => o.From).Select(o => new OnCallOverrideView(o.Id, o.UserId, names.GetValueOrDefault(o.UserId, "?"), o.From, o.To, o.Reason, o.CreatedByName))],
                current is null ? null : new OnCallNowView(r.Id, r.Name, current.UserId, names.GetValueOrDefault(current.UserId, "?"), current.End, current.IsOverride));
        })];
    }

    /// <summary>
    /// Who answers for one rotation now, or null, with <see cref="OnCallShift.End"/> cut to when the rotation stops
    /// ringing (the end of its coverage window, if before the shift's end); a rotation that cannot be computed (a row stored before today's rules)
    /// is logged and counts as nobody, so one bad rotation cannot break the header, the page or the intake.
    /// </summary>
    internal OnCallShift? Who(OnCallRotation rotation, BusinessHours hours, DateTimeOffset now)
    {
        try
        {
            return OnCallSchedule.Who(rotation, rotation.Overrides, hours, now) is { } shift
                ? shift with { End = OnCallSchedule.CoveredUntil(rotation, hours, now, shift.End) }
                : null;
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.LogError(e, "On-call rotation {RotationId} cannot say who is on call; it is skipped", rotation.Id);
            return null;
        }
    }

    /// <summary>Everyone's spans of one rotation; like <see cref="Who"/>, a rotation that cannot be computed is logged and shows none.</summary>
    internal IReadOnlyList<OnCallShift> Shifts(OnCallRotation rotation, DateTimeOffset from, DateTimeOffset to)
    {
        try
        {
            return OnCallSchedule.Shifts(rotation, rotation.Overrides, from, to);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.LogError(e, "On-call rotation {RotationId} cannot list its shifts; it is skipped", rotation.Id);
            return [];
        }
    }

    public static string Hhmm(TimeOnly time) => time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
