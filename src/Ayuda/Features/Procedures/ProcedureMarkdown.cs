using Ganss.Xss;
using Markdig;

namespace Ayuda.Features.Procedures;

/// <summary>
/// A revision's Markdown as HTML for reading (Markdig, with tables and the other common extensions), always through
/// HtmlSanitizer: whatever a draft contains, no script, handler, form or frame reaches a reader's browser.
/// </summary>
public static class ProcedureMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        foreach (var tag in new[] { "form", "input", "button", "textarea", "select", "iframe", "object", "embed", "style" })
        {
            sanitizer.AllowedTags.Remove(tag);
        }
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedCssProperties.Clear();
        return sanitizer;
    }

    public static string ToHtml(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
}
