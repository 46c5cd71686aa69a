using System.Globalization;
using System.Resources;
using Ayuda.Features.Templates;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ayuda.Tests.Templates;

/// <summary>What the editor refuses before anything is saved, and what it offers to write with.</summary>
public sealed class TemplateCheckTests
{
    private static readonly StringLocalizer<Strings> Localizer =
        new(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    private static readonly TemplateEngine Engine = new(null!, Localizer, Microsoft.Extensions.Logging.Abstractions.NullLogger<TemplateEngine>.Instance);

    private static readonly ResourceManager Strings = new("Ayuda.Resources.Strings", typeof(Program).Assembly);

    private static IReadOnlyDictionary<string, string[]> Check(string body) =>
        Engine.Check(TemplateKind.Closing, new TemplateText("Caso {{ ticket.number }}", body));

    [Fact]
    public void A_loop_variable_stands_for_an_item_of_its_list()
    {
        Assert.Empty(Check("{% for e in timeline %}{{ e.date }}: {{ e.text }} ({{ forloop.index }}){% endfor %}"));

        var errors = Check("{% for e in timeline %}{{ e.secret }}{% endfor %}");
        Assert.Contains("e.secret", Assert.Single(errors["body"]));
    }

    [Fact]
    public void Unknown_fields_and_unclosed_tags_are_refused_with_the_part_they_are_in()
    {
        Assert.Contains("ticket.numero", Assert.Single(Engine.Check(TemplateKind.Closing, new TemplateText("Caso {{ ticket.numero }}", "Hola"))["subject"]));
        Assert.True(Check("{% if contact.name != \"\" %}Hola {{ contact.name }}").ContainsKey("body"));
        Assert.True(Check("Hola {{ contact.name ").ContainsKey("body"));
        Assert.True(Check("   ").ContainsKey("body"));
    }

    [Fact]
    public void A_template_that_parses_but_never_finishes_is_refused_too()
    {
        var editor = new TemplateEditor(null!, Engine, null!, null!, null!, null!, null!, null!, Localizer);
        var errors = editor.Check(TemplateKind.Closing, "es", new TemplateText("Caso", "{% for i in (1..10000000) %}x{% endfor %}"));
        Assert.True(errors.ContainsKey("body"), "A loop of ten million steps was accepted");
        foreach (var kind in Enum.GetValues<TemplateKind>())
        {
            foreach (var language in TemplateEngine.Languages)
            {
                Assert.True(editor.Check(kind, language, TemplateEngine.Default(kind, language)).Count == 0, $"The built-in {kind} ({language}) is refused by its own check");
            }
        }
    }

    [Fact]
    public void Every_field_is_described_in_spanish_and_english_and_has_a_value_in_the_sample()
    {
        foreach (var kind in TemplateFields.Editable)
        {
            foreach (var field in TemplateFields.For(kind))
            {
                Assert.False(string.IsNullOrEmpty(Strings.GetString($"TemplateField.{field}", new CultureInfo("es-AR"))), $"No Spanish description of {field}");
                Assert.False(string.IsNullOrEmpty(Strings.GetString($"TemplateField.{field}", new CultureInfo("en"))), $"No English description of {field}");
                var snippet = TemplateFields.Snippet(kind, field);
                Assert.Empty(Engine.Check(kind, new TemplateText("-", snippet)));
                foreach (var language in TemplateEngine.Languages)
                {
                    var (_, body) = TemplateEngine.Render(new TemplateText("-", snippet), TemplateSample.For(language), language);
                    Assert.False(string.IsNullOrWhiteSpace(body.Replace("-", "")), $"The {language} sample has no value for {field} ({snippet})");
                }
            }
        }
    }

    [Fact]
    public void Inserting_a_list_field_writes_a_loop_over_the_list()
    {
        Assert.Equal("{{ ticket.number }}", TemplateFields.Snippet(TemplateKind.Closing, "ticket.number"));
        Assert.Equal("{% for item in timeline %}- {{ item.text }}\n{% endfor %}", TemplateFields.Snippet(TemplateKind.Closing, "timeline[].text"));
        Assert.Equal("{% for item in timeline %}- {{ item.date }} {{ item.text }}\n{% endfor %}", TemplateFields.Snippet(TemplateKind.Closing, "timeline"));
    }
}
