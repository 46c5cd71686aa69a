using Ayuda.Data;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.OnCall;

/// <summary>The holiday calendar: days that are not business hours. Typed one by one or imported from an .ics file.</summary>
public sealed class HolidayWork(IDbContextFactory<AyudaDb> contexts, OnCallQueries queries, IStringLocalizer<Strings> l, ILogger<HolidayWork> logger)
{
    public const int MaxImportBytes = 2 * 1024 * 1024;
    public const int MaxImportDays = 400;

    public sealed record Input(DateOnly? Date, string? Name);

    public sealed record ImportResult(int Added, int Skipped, IReadOnlyList<HolidayView> Holidays);

    public async Task<Outcome<HolidayView>> AddAsync(Input input, Actor actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Date is null)
        {
            errors["date"] = [l["OnCall.HolidayDateRequired"]];
        }
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > Holiday.MaxNameLength)
        {
            errors["name"] = [l["OnCall.HolidayNameRequired", Holiday.MaxNameLength]];
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (input.Date is { } date && await db.Holidays.AnyAsync(h => h.Date == date, ct))
        {
            errors["date"] = [l["OnCall.HolidayTwice", date.ToString("d", System.Globalization.CultureInfo.CurrentCulture)]];
        }
        if (errors.Count > 0)
        {
            return Outcome<HolidayView>.Invalid(errors);
        }
        var holiday = new Holiday(input.Date!.Value, input.Name!);
        db.Holidays.Add(holiday);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Outcome<HolidayView>.Invalid("date", l["OnCall.HolidayTwice", holiday.Date.ToString("d", System.Globalization.CultureInfo.CurrentCulture)]);
        }
        queries.ForgetNow();
        logger.LogInformation("Holiday {Date} added by {ActorId}", holiday.Date, actor.Id);
        return Outcome<HolidayView>.Ok(new HolidayView(holiday.Id, holiday.Date, holiday.Name));
    }

    public async Task<Outcome<bool>> RemoveAsync(int id, Actor actor, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Holidays.Where(h => h.Id == id).ExecuteDeleteAsync(ct) == 0)
        {
            return Outcome<bool>.Fail(l["OnCall.HolidayNotFound", id], DomainErrorKind.NotFound);
        }
        queries.ForgetNow();
        logger.LogInformation("Holiday {HolidayId} removed by {ActorId}", id, actor.Id);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>
    /// Every all-day event of an iCalendar file (a public holiday calendar) becomes a holiday for each of its days;
    /// days already in the list are kept as they are.
    /// </summary>
    public async Task<Outcome<ImportResult>> ImportAsync(Stream file, long length, Actor actor, CancellationToken ct)
    {
        if (length > MaxImportBytes)
        {
            return Outcome<ImportResult>.Invalid("file", l["OnCall.IcsTooLarge", MaxImportBytes / 1024 / 1024]);
        }
        using var reader = new StreamReader(file);
        var text = await reader.ReadToEndAsync(ct);
        var found = new Dictionary<DateOnly, string>();
        try
        {
            var calendar = Ical.Net.Calendar.Load(text);
            foreach (var e in calendar?.Events.ToList() ?? [])
            {
                if (e.DtStart is not { } start)
                {
                    continue;
                }
                var first = start.Date;
                var end = e.DtEnd?.Date is { } last && last > first ? last : first.AddDays(1);
                var name = string.IsNullOrWhiteSpace(e.Summary) ? l["OnCall.HolidayDefaultName"].Value : e.Summary.Trim();
                name = name.Length > Holiday.MaxNameLength ? name[..Holiday.MaxNameLength] : name;
                for (var day = first; day < end && found.Count < MaxImportDays; day = day.AddDays(1))
                {
                    found.TryAdd(day, name);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.LogInformation("Holiday import refused: {Error}", e.Message);
            return Outcome<ImportResult>.Invalid("file", l["OnCall.IcsUnreadable"]);
        }
        if (found.Count == 0)
        {
            return Outcome<ImportResult>.Invalid("file", l["OnCall.IcsEmpty"]);
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var dates = found.Keys.ToList();
        var existing = (await db.Holidays.Where(h => dates.Contains(h.Date)).Select(h => h.Date).ToListAsync(ct)).ToHashSet();
        var added = found.Where(f => !existing.Contains(f.Key)).OrderBy(f => f.Key).Select(f => new Holiday(f.Key, f.Value)).ToList();
        db.Holidays.AddRange(added);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // Someone added one of these days (another import, most likely) between our check and our write.
            logger.LogInformation("Holiday import by {ActorId} clashed with a concurrent change: {Error}", actor.Id, e.InnerException?.Message ?? e.Message);
            return Outcome<ImportResult>.Fail(l["OnCall.HolidaysChangedMeanwhile"]);
        }
        queries.ForgetNow();
        logger.LogInformation("{Added} holidays imported by {ActorId} ({Skipped} already listed)", added.Count, actor.Id, existing.Count);
        return Outcome<ImportResult>.Ok(new ImportResult(added.Count, existing.Count, [.. added.Select(h => new HolidayView(h.Id, h.Date, h.Name))]));
    }
}
