using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Ayuda.Features.Staff;

namespace Ayuda.Tests;

/// <summary>Every string the UI asks for exists in Spanish and in English.</summary>
public sealed partial class ResourceTests
{
    private static readonly ResourceManager Strings = new("Ayuda.Resources.Strings", typeof(Program).Assembly);

    [Fact]
    public void Every_key_used_in_code_has_spanish_and_english_text()
    {
        var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Ayuda"));
        var files = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".razor")) && !f.Contains("/obj/") && !f.Contains("/bin/"));
        var keys = files.SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToHashSet();
        foreach (var role in Roles.All)
        {
            keys.Add($"Role.{role}");
            keys.Add($"Role.{role}.Help");
            keys.Add($"Home.{role}.Title");
        }
        Assert.True(keys.Count > 50, $"Only {keys.Count} keys found under {source}: the scan is broken.");
        var missing = keys.Where(k => Text(k, "es-AR") is null || Text(k, "en") is null).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Spanish_is_the_default_and_english_differs()
    {
        Assert.Equal("Ingresar", Text("Login.Title", "es-AR"));
        Assert.Equal("Ingresar", Text("Login.Title", "fr"));
        Assert.Equal("Log in", Text("Login.Title", "en"));
    }

    private static string? Text(string key, string culture)
    {
        var value = Strings.GetString(key, new CultureInfo(culture));
        return string.IsNullOrEmpty(value) ? null : value;
    }

    [GeneratedRegex("""L\["([A-Za-z]+\.[A-Za-z.\-]+)"[\],]""")]
    private static partial Regex KeyUse();
}
