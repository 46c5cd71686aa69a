using System.Globalization;
using Ayuda.Data;
using Ayuda.Resources;
using Fluid;
using Fluid.Values;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Templates;

/// <summary>
/// Customer-facing texts as Liquid (Fluid): the saved template of a kind and language, or the built-in default;
/// checked before saving (it must parse and use only its kind's fields) and rendered as plain text.
/// </summary>
public sealed class TemplateEngine(IDbContextFactory<AyudaDb> contexts, IStringLocalizer<Strings> l)
{
    private static readonly FluidParser Parser = new();

    public static readonly IReadOnlyList<string> Languages = ["es", "en"];

    /// <summary>The built-in text, shipped with Ayuda (<c>Defaults/{kind}.{language}.liquid</c>: the subject, a blank line, the body).</summary>
    public static TemplateText Default(TemplateKind kind, string language)
    {
        var name = $"Ayuda.Features.Templates.Defaults.{kind}.{(language == "en" ? "en" : "es")}.liquid";
        using var stream = typeof(TemplateEngine).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"No default template {name}.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd().ReplaceLineEndings("\n");
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        return new TemplateText(text[..split].Trim(), text[(split + 2)..].TrimEnd() + "\n");
    }

    /// <summary>What is used now: the saved template, else the default.</summary>
    public async Task<TemplateText> CurrentAsync(AyudaDb db, TemplateKind kind, string language, CancellationToken ct)
    {
        var lang = language == "en" ? "en" : "es";
        var saved = await db.Set<MessageTemplate>().AsNoTracking().Where(t => t.Kind == kind && t.Language == lang)
            .Select(t => new TemplateText(t.Subject, t.Body)).FirstOrDefaultAsync(ct);
        return saved ?? Default(kind, lang);
    }

    public async Task<TemplateText> CurrentAsync(TemplateKind kind, string language, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await CurrentAsync(db, kind, language, ct);
    }

    /// <summary>Why a text cannot be saved, by part ("subject", "body"); empty when it can.</summary>
    public IReadOnlyDictionary<string, string[]> Check(TemplateKind kind, TemplateText text)
    {
        var errors = new Dictionary<string, string[]>();
        Check(kind, "subject", text.Subject, MessageTemplate.MaxSubjectLength, errors);
        Check(kind, "body", text.Body, MessageTemplate.MaxBodyLength, errors);
        return errors;
    }

    private void Check(TemplateKind kind, string part, string? source, int maxLength, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            errors[part] = [l["Templates.Required"]];
            return;
        }
        if (source.Length > maxLength)
        {
            errors[part] = [l["Templates.TooLong", maxLength]];
            return;
        }
        if (!Parser.TryParse(source, out var template, out var error))
        {
            errors[part] = [l["Templates.DoesNotParse", error]];
            return;
        }
        var unknown = TemplateCheck.UnknownFields(template, TemplateFields.For(kind));
        if (unknown.Count > 0)
        {
            errors[part] = [l["Templates.UnknownFields", string.Join(", ", unknown)]];
        }
    }

    /// <summary>
    /// Renders a checked text with <paramref name="model"/> (nested dictionaries and lists of plain values, already
    /// formatted for the reader) as plain text. Throws <see cref="InvalidOperationException"/> for a text that does not parse.
    /// </summary>
    public static (string Subject, string Body) Render(TemplateText text, IReadOnlyDictionary<string, object?> model, string language)
    {
        var options = new TemplateOptions
        {
            CultureInfo = new CultureInfo(language == "en" ? "en" : "es-AR"),
            MaxSteps = 100_000,
            MaxRecursion = 20,
        };
        var context = new TemplateContext(options);
        foreach (var (name, value) in model)
        {
            context.SetValue(name, FluidValue.Create(value, options));
        }
        return (One(text.Subject, context).ReplaceLineEndings(" ").Trim(), One(text.Body, context));
    }

    private static string One(string source, TemplateContext context) =>
        Parser.TryParse(source, out var template, out var error)
            ? template.Render(context)
            : throw new InvalidOperationException($"The template does not parse: {error}");
}
