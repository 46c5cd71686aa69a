using System.Text.Json;

namespace Ayuda.Infrastructure;

/// <summary>Query-string values named as the JSON names them ("pending", "usageQuery"), any case; unknown ones get a clear 400.</summary>
public static class QueryValues
{
    /// <summary>The first and last desk days a query may name: enough for any real history, and far from the calendar's end (where adding a day overflows).</summary>
    public static readonly DateOnly FirstDay = new(2000, 1, 1);
    public static readonly DateOnly LastDay = new(2100, 12, 31);

    /// <summary>The most days an age in a query may have (a hundred years).</summary>
    public const int MaxDays = 36_500;

    /// <summary>A count of days in 0..<see cref="MaxDays"/>; null stays null; anything else is a 400 naming the parameter.</summary>
    public static int? Days(int? value, string parameter) =>
        value is null or (>= 0 and <= MaxDays)
            ? value
            : throw DomainException.InvalidField(parameter, "Problem.DaysOutOfRange", value.Value, parameter, MaxDays);

    /// <summary>A desk day in <see cref="FirstDay"/>..<see cref="LastDay"/>; null stays null; anything else is a 400 naming the parameter.</summary>
    public static DateOnly? Day(DateOnly? value, string parameter) =>
        value is null || InRange(value.Value)
            ? value
            : throw DomainException.InvalidField(parameter, "Problem.DayOutOfRange", Iso(value.Value), parameter, Iso(FirstDay), Iso(LastDay));

    public static bool InRange(DateOnly day) => day >= FirstDay && day <= LastDay;

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static T? Enum<T>(string? value, string parameter) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (System.Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !char.IsAsciiDigit(value.Trim()[0]))
        {
            return parsed;
        }
        var allowed = string.Join(", ", System.Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName));
        throw DomainException.InvalidField(parameter, "Problem.UnknownQueryValue", value, parameter, allowed);
    }
}
