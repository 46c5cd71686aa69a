using System.Globalization;
using Ayuda.Data;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.OnCall;

/// <summary>The head of implementation defines rotations and their overrides (the page and <c>/api/v1/oncall</c> both call this).</summary>
public sealed class RotationWork(IDbContextFactory<AyudaDb> contexts, OnCallQueries queries, DeskClock desk, IStringLocalizer<Strings> l, ILogger<RotationWork> logger)
{
    public sealed class WindowInput
    {
        public DayOfWeek? Day { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
    }

    public sealed class Input
    {
        public string? Name { get; set; }
        public List<string>? MemberIds { get; set; }
        public int? ShiftDays { get; set; }
        public DayOfWeek? HandOffDay { get; set; }
        public string? HandOffTime { get; set; }
        public DateOnly? StartsOn { get; set; }
        public string? TimeZone { get; set; }
        public OnCallCoverage? Coverage { get; set; }
        public List<WindowInput>? Windows { get; set; }
        public bool? Active { get; set; }

        /// <summary>On a change: the version read, so a save over someone else's newer one is refused.</summary>
        public int? Version { get; set; }
    }

    /// <summary>
    /// <c>from</c> and <c>to</c> are ISO 8601: with an offset (or Z) that instant; without one, the rotation's wall clock
    /// (<c>2026-03-10T09:00</c> on a Buenos Aires rotation is 09:00 there, whatever the server's zone).
    /// </summary>
    public sealed record OverrideInput(string? UserId, string? From, string? To, string? Reason);

    public async Task<Outcome<OnCallRotationView>> CreateAsync(Input input, Actor actor, CancellationToken ct) => await SaveAsync(null, input, actor, ct);

    public async Task<Outcome<OnCallRotationView>> ChangeAsync(int id, Input input, Actor actor, CancellationToken ct) => await SaveAsync(id, input, actor, ct);

    private async Task<Outcome<OnCallRotationView>> SaveAsync(int? id, Input input, Actor actor, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var errors = new Dictionary<string, string[]>();
        var members = (input.MemberIds ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).ToList();
        if (members.Count == 0)
        {
            errors["memberIds"] = [l["OnCall.MembersRequired", OnCallRotation.MaxMembers]];
        }
        else if (members.Count != members.Distinct(StringComparer.Ordinal).Count())
        {
            errors["memberIds"] = [l["OnCall.MemberTwice"]];
        }
        else
        {
            var eligible = await OnCallQueries.EligibleQuery(db).Where(u => members.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
            if (members.Except(eligible).Any())
            {
                errors["memberIds"] = [l["OnCall.MemberNotEligible"]];
            }
        }
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > OnCallRotation.MaxNameLength)
        {
            errors["name"] = [l["OnCall.NameRequired", OnCallRotation.MaxNameLength]];
        }
        else if (await db.OnCallRotations.AnyAsync(r => r.Name == input.Name.Trim() && r.Id != (id ?? 0), ct))
        {
            errors["name"] = [l["OnCall.NameTaken", input.Name.Trim()]];
        }
        var shiftDays = input.ShiftDays ?? 7;
        if (shiftDays is < 1 or > OnCallRotation.MaxShiftDays)
        {
            errors["shiftDays"] = [l["OnCall.ShiftDaysRange", OnCallRotation.MaxShiftDays]];
        }
        if (input.StartsOn is { } startsOn && !OnCallRotation.StartsOnInRange(startsOn, desk.Today)
            && (id is null || !await db.OnCallRotations.AnyAsync(r => r.Id == id && r.StartsOn == startsOn, ct)))
        {
            errors["startsOn"] = [l["OnCall.StartsOnRange", OnCallRotation.MaxStartYears]];
        }
        var handOff = Time(input.HandOffTime ?? "09:00", "handOffTime", errors);
        var zone = string.IsNullOrWhiteSpace(input.TimeZone) ? desk.TimeZone.Id : input.TimeZone.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors["timeZone"] = [l["OnCall.TimeZoneUnknown", zone]];
        }
        var coverage = input.Coverage ?? OnCallCoverage.Always;
        var windows = new List<CoverageWindow>();
        if (coverage == OnCallCoverage.Weekly)
        {
            var given = input.Windows ?? [];
            if (given.Count == 0)
            {
                errors["windows"] = [l["OnCall.WindowsRequired"]];
            }
            for (var i = 0; i < given.Count; i++)
            {
                var from = Time(given[i].From, $"windows[{i}].from", errors);
                var to = Time(given[i].To, $"windows[{i}].to", errors);
                if (given[i].Day is not { } day)
                {
                    errors[$"windows[{i}].day"] = [l["OnCall.DayRequired"]];
                }
                else if (from is { } f && to is { } t)
                {
                    if (t != TimeOnly.MinValue && t <= f)
                    {
                        errors[$"windows[{i}].to"] = [l["OnCall.WindowEndsBeforeStart"]];
                    }
                    windows.Add(new CoverageWindow(day, f, t));
                }
            }
        }
        if (errors.Count > 0)
        {
            return Outcome<OnCallRotationView>.Invalid(errors);
        }
        var now = desk.UtcNow;
        OnCallRotation rotation;
        try
        {
            if (id is null)
            {
                rotation = new OnCallRotation(input.Name!, members, shiftDays, input.HandOffDay ?? DayOfWeek.Monday, handOff!.Value,
                    input.StartsOn ?? desk.Today, zone, coverage, windows, now);
                db.OnCallRotations.Add(rotation);
            }
            else
            {
                var found = await db.OnCallRotations.Include(r => r.Overrides.Where(o => o.To > now)).FirstOrDefaultAsync(r => r.Id == id, ct);
                if (found is null)
                {
                    return Outcome<OnCallRotationView>.Fail(l["OnCall.RotationNotFound", id], DomainErrorKind.NotFound);
                }
                if (input.Version is { } version && version != found.Version)
                {
                    return Outcome<OnCallRotationView>.Fail(l["Settings.SavedByOther"]);
                }
                rotation = found;
                rotation.Change(input.Name!, members, shiftDays, input.HandOffDay ?? rotation.HandOffDay, handOff!.Value,
                    input.StartsOn ?? rotation.StartsOn, zone, coverage, windows, input.Active ?? rotation.IsActive, now);
            }
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            return Outcome<OnCallRotationView>.Fail(e.Describe(l), e.Kind);
        }
        catch (DbUpdateException)
        {
            // Someone saved the same name or a newer version between our check and our write.
            return Outcome<OnCallRotationView>.Fail(l["Settings.SavedByOther"]);
        }
        queries.ForgetNow();
        logger.LogInformation("On-call rotation {RotationId} {Action} by {ActorId}", rotation.Id, id is null ? "created" : "changed", actor.Id);
        return Outcome<OnCallRotationView>.Ok(await queries.ViewAsync(db, rotation, ct));
    }

    public async Task<Outcome<OnCallOverrideView>> AddOverrideAsync(int rotationId, OverrideInput input, Actor actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rotation = await db.OnCallRotations.FirstOrDefaultAsync(r => r.Id == rotationId, ct);
        if (rotation is null)
        {
            return Outcome<OnCallOverrideView>.Fail(l["OnCall.RotationNotFound", rotationId], DomainErrorKind.NotFound);
        }
        string? name = null;
        if (string.IsNullOrWhiteSpace(input.UserId))
        {
            errors["userId"] = [l["OnCall.OverridePersonRequired"]];
        }
        else if ((name = await OnCallQueries.EligibleQuery(db).Where(u => u.Id == input.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct)) is null)
        {
            errors["userId"] = [l["OnCall.MemberNotEligible"]];
        }
        var zone = rotation.Zone();
        var from = LocalOrOffset(input.From, zone);
        var to = LocalOrOffset(input.To, zone);
        if (from is null)
        {
            errors["from"] = [l["OnCall.OverrideFromRequired"]];
        }
        if (to is null)
        {
            errors["to"] = [l["OnCall.OverrideToRequired"]];
        }
        else if (from is { } f && to <= f)
        {
            errors["to"] = [l["OnCall.OverrideEndsBeforeStart"]];
        }
        if ((input.Reason?.Length ?? 0) > OnCallOverride.MaxReasonLength)
        {
            errors["reason"] = [l["OnCall.ReasonTooLong", OnCallOverride.MaxReasonLength]];
        }
        if (errors.Count > 0)
        {
            return Outcome<OnCallOverrideView>.Invalid(errors);
        }
        var added = rotation.AddOverride(input.UserId!, from!.Value, to!.Value, input.Reason ?? "", actor, desk.UtcNow);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The head changed the rotation (its version) while this override was being typed.
            logger.LogInformation("On-call override on rotation {RotationId} refused: the rotation changed meanwhile", rotationId);
            return Outcome<OnCallOverrideView>.Fail(l["OnCall.RotationChangedMeanwhile", rotation.Name]);
        }
        queries.ForgetNow();
        logger.LogInformation("On-call override {OverrideId} on rotation {RotationId} for {UserId} by {ActorId}", added.Id, rotationId, added.UserId, actor.Id);
        return Outcome<OnCallOverrideView>.Ok(new OnCallOverrideView(added.Id, added.UserId, name!, added.From, added.To, added.Reason, added.CreatedByName));
    }

    /// <summary>ISO 8601 with an offset is that instant; without one, the wall-clock time in <paramref name="zone"/>. Null when unreadable.</summary>
    public static DateTimeOffset? LocalOrOffset(string? text, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(text)
            || !DateTime.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return null;
        }
        try
        {
            if (parsed.Kind == DateTimeKind.Unspecified)
            {
                return OnCallSchedule.ToInstant(parsed, zone).ToUniversalTime();
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            // A wall-clock time at the very edge of the calendar has no instant in this zone.
            return null;
        }
        return DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var instant) ? instant.ToUniversalTime() : null;
    }

    public async Task<Outcome<bool>> RemoveOverrideAsync(int rotationId, long overrideId, Actor actor, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var removed = await db.OnCallOverrides.Where(o => o.Id == overrideId && o.RotationId == rotationId).ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            return Outcome<bool>.Fail(l["OnCall.OverrideNotFound", overrideId], DomainErrorKind.NotFound);
        }
        queries.ForgetNow();
        logger.LogInformation("On-call override {OverrideId} on rotation {RotationId} removed by {ActorId}", overrideId, rotationId, actor.Id);
        return Outcome<bool>.Ok(true);
    }

    private TimeOnly? Time(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }
        errors[field] = [l["OnCall.TimeInvalid"]];
        return null;
    }
}
