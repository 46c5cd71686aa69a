using Ayuda.Infrastructure;

namespace Ayuda.Features.Search;

/// <summary>
/// What a person typed, reduced to plain words: letters and digits only, folded (lower case, no accents), at most
/// <see cref="MaxTerms"/>. Nothing of the typed text reaches FTS5 or tsquery syntax: each adapter quotes these words itself.
/// </summary>
public sealed class SearchTerms
{
    public const int MaxQueryLength = 200;
    public const int MaxTerms = 8;
    private const int MaxTermLength = 40;

    private SearchTerms(IReadOnlyList<string> words) => Words = words;

    /// <summary>Folded words, each matched as a prefix ("factur" finds "facturación"); all must be present.</summary>
    public IReadOnlyList<string> Words { get; }

    public bool IsEmpty => Words.Count == 0;

    public static SearchTerms Parse(string? text)
    {
        var words = new List<string>();
        var folded = SearchText.Fold(text);
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                Add(words, folded[start..i]);
                start = -1;
            }
        }
        return new SearchTerms(words.Distinct(StringComparer.Ordinal).Take(MaxTerms).ToList());
    }

    private static void Add(List<string> words, string word)
    {
        // One letter as a prefix matches nearly everything: it narrows nothing and costs the most. A lone digit is kept (a CUIT's check digit).
        if (word.Length < 2 && !char.IsAsciiDigit(word[0]))
        {
            return;
        }
        words.Add(word.Length > MaxTermLength ? word[..MaxTermLength] : word);
    }

    /// <summary>Whether a folded word of some text starts with one of the terms (what the snippet marks).</summary>
    public bool Matches(string foldedWord) => Words.Any(t => foldedWord.StartsWith(t, StringComparison.Ordinal));
}
