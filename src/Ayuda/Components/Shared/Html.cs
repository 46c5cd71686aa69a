using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;

namespace Ayuda.Components.Shared;

/// <summary>
/// Markup written as one interpolated string, for the read-only parts that repeat on every row of a list (a queue
/// shows 50 rows on every visit). The renderer then handles one piece of markup per row rather than an element and an
/// attribute at a time, which is where a list page spent its time. Values are HTML-encoded exactly as the renderer
/// encodes text and attributes (<see cref="HtmlEncoder.Default"/>); a <see cref="MarkupString"/> value is written as
/// it is. Anything with behaviour (buttons, menus) stays a component or element in Razor.
/// </summary>
public static class Html
{
    /// <summary><c>Html.Of($"&lt;td title=\"{title}\"&gt;{text}&lt;/td&gt;")</c>: the literal parts as written, the values encoded.</summary>
    public static MarkupString Of(ref Handler html) => new(html.ToStringAndClear());

    [InterpolatedStringHandler]
    public ref struct Handler(int literalLength, int formattedCount)
    {
        private DefaultInterpolatedStringHandler _text = new(literalLength, formattedCount);

        public void AppendLiteral(string value) => _text.AppendLiteral(value);

        public void AppendFormatted(MarkupString value)
        {
            if (value.Value is not null)
            {
                _text.AppendLiteral(value.Value);
            }
        }

        public void AppendFormatted(string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                _text.AppendLiteral(HtmlEncoder.Default.Encode(value));
            }
        }

        public string ToStringAndClear() => _text.ToStringAndClear();
    }
}
