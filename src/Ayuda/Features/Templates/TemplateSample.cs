using System.Text.Json;

namespace Ayuda.Features.Templates;

/// <summary>
/// A made-up case with a value for every field of every kind (<c>Defaults/Sample.{language}.json</c>), for previewing a
/// template when the desk has no resolved ticket yet.
/// </summary>
public static class TemplateSample
{
    private static readonly Dictionary<string, IReadOnlyDictionary<string, object?>> Loaded = new()
    {
        ["es"] = Load("es"),
        ["en"] = Load("en"),
    };

    public static IReadOnlyDictionary<string, object?> For(string language) => Loaded[language == "en" ? "en" : "es"];

    private static IReadOnlyDictionary<string, object?> Load(string language)
    {
        var name = $"Ayuda.Features.Templates.Defaults.Sample.{language}.json";
        using var stream = typeof(TemplateSample).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"No sample model {name}.");
        using var json = JsonDocument.Parse(stream);
        return (IReadOnlyDictionary<string, object?>)Convert(json.RootElement)!;
    }

    /// <summary>JSON as the plain dictionaries, lists and strings that <see cref="TemplateEngine.Render"/> takes.</summary>
    private static object? Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Convert(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(Convert).ToList(),
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => element.ToString(),
    };
}
