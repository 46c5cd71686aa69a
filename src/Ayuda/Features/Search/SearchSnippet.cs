using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Ayuda.Infrastructure;

namespace Ayuda.Features.Search;

/// <summary>
/// A short piece of a text around the first matched word, HTML-escaped, with the matched words in <c>&lt;mark&gt;</c>.
/// Made here rather than with FTS5's snippet() or ts_headline so both providers show the same thing, and only for
/// the few results shown.
/// </summary>
public static class SearchSnippet
{
    private const int Before = 50;
    private const int Length = 180;

    // Escapes markup (<, >, &, quotes) but leaves letters such as á and ñ as they are.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The snippet, or null when no word of <paramref name="text"/> matches (the caller tries another field).</summary>
    public static string? Find(string? text, SearchTerms terms)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var words = Words(text).ToList();
        var first = words.FindIndex(w => terms.Matches(SearchText.Fold(text.Substring(w.Start, w.Length))));
        return first < 0 ? null : Build(text, words, terms, words[first].Start);
    }

    /// <summary>The start of the text, when the match cannot be pointed at (a stemmed match on PostgreSQL).</summary>
    public static string Start(string? text, SearchTerms terms) =>
        string.IsNullOrWhiteSpace(text) ? "" : Build(text, Words(text).ToList(), terms, 0);

    private static string Build(string text, List<(int Start, int Length)> words, SearchTerms terms, int matchAt)
    {
        var from = Math.Max(0, matchAt - Before);
        // Start at a word boundary so the snippet does not open with half a word.
        if (from > 0 && words.FirstOrDefault(w => w.Start >= from) is { Length: > 0 } boundary)
        {
            from = Math.Min(boundary.Start, matchAt);
        }
        var to = Math.Min(text.Length, from + Length);
        if (to < text.Length && words.LastOrDefault(w => w.Start < to && w.Start > from) is { Length: > 0 } last && last.Start + last.Length > to)
        {
            to = last.Start;
        }
        var html = new StringBuilder();
        if (from > 0)
        {
            html.Append('…');
        }
        var at = from;
        foreach (var (start, length) in words.Where(w => w.Start >= from && w.Start + w.Length <= to))
        {
            if (!terms.Matches(SearchText.Fold(text.Substring(start, length))))
            {
                continue;
            }
            html.Append(Encode(text[at..start])).Append("<mark>").Append(Encode(text.Substring(start, length))).Append("</mark>");
            at = start + length;
        }
        html.Append(Encode(text[at..to]));
        if (to < text.Length)
        {
            html.Append('…');
        }
        return html.ToString();
    }

    private static string Encode(string text) => Html.Encode(Whitespace(text));

    private static string Whitespace(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.None)).Replace("  ", " ", StringComparison.Ordinal);

    private static IEnumerable<(int Start, int Length)> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }
        }
    }
}
