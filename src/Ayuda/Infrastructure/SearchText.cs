using System.Globalization;
using System.Text;

namespace Ayuda.Infrastructure;

/// <summary>Folds text for case- and accent-insensitive matching: "Configuración" and "CONFIGURACION" both become "configuracion".</summary>
public static class SearchText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    public static string Digits(string? text) => text is null ? "" : new string(text.Where(char.IsAsciiDigit).ToArray());
}
