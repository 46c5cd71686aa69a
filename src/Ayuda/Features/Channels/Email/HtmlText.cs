using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Ayuda.Features.Channels.Email;

/// <summary>Readable plain text from an HTML body (when a message has no text part): blocks become lines, scripts and styles vanish.</summary>
public static class HtmlText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "hr",
    };

    public static string From(string html)
    {
        var document = new HtmlParser().ParseDocument(html.Length > 2_000_000 ? html[..2_000_000] : html);
        var text = new StringBuilder();
        Walk(document.Body ?? (INode)document, text, 0);
        var lines = text.ToString().Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        return string.Join('\n', lines).Trim();
    }

    private static void Walk(INode node, StringBuilder text, int depth)
    {
        if (depth > 200)
        {
            return;
        }
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(t.Data.Replace('\n', ' ').Replace('\r', ' '));
                    break;
                case IElement e when e.LocalName is "script" or "style" or "head" or "title":
                    break;
                case IElement e:
                    var block = Blocks.Contains(e.LocalName);
                    if (block)
                    {
                        text.Append('\n');
                    }
                    if (e.LocalName == "blockquote")
                    {
                        // Mark quoted history so the text splitter can fold it away.
                        var inner = new StringBuilder();
                        Walk(e, inner, depth + 1);
                        foreach (var line in inner.ToString().Split('\n'))
                        {
                            text.Append("> ").Append(line).Append('\n');
                        }
                        continue;
                    }
                    Walk(e, text, depth + 1);
                    if (block)
                    {
                        text.Append('\n');
                    }
                    break;
            }
        }
    }
}
