using System.Text.Json;

namespace Ayuda.Infrastructure;

/// <summary>Query-string values named as the JSON names them ("pending", "usageQuery"), any case; unknown ones get a clear 400.</summary>
public static class QueryValues
{
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
        throw DomainException.Invalid("Problem.UnknownQueryValue", value, parameter, allowed);
    }
}
