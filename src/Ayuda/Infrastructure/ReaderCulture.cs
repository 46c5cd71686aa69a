using System.Globalization;

namespace Ayuda.Infrastructure;

/// <summary>Writing for someone in their language: "en" is English, anything else the desk's Spanish (es-AR).</summary>
public static class ReaderCulture
{
    public static CultureInfo Of(string? language) => new(language == "en" ? "en" : "es-AR");

    /// <summary>Runs <paramref name="compose"/> with the UI culture of <paramref name="language"/>, so the strings it localizes come in it.</summary>
    public static T In<T>(string? language, Func<T> compose)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Of(language);
            return compose();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
