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
public sealed class TemplateEngine(IDbContextFactory<AyudaDb> contexts, IStringLocalizer<Strings> l, ILogger<TemplateEngine> logger)
{
    private static readonly FluidParser Parser = new();

    /// <summary>The most a rendered body may hold (a runaway loop stops here instead of filling memory).</summary>
    public const int MaxRenderedBody = 64 * 1024;

    /// <summary>The most a rendered subject may hold; longer ones are cut.</summary>
    public const int MaxRenderedSubject = 250;

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
    /// What is sent: the saved template rendered with <paramref name="model"/>; when it fails on this message (a loop
    /// too long for this ticket, a division by an empty field) the built-in text goes instead, and the failure is logged.
    /// </summary>
    public async Task<(string Subject, string Body)> RenderCurrentAsync(AyudaDb db, TemplateKind kind, string language, IReadOnlyDictionary<string, object?> model,
        CancellationToken ct)
    {
        var current = await CurrentAsync(db, kind, language, ct);
        try
        {
            return Render(current, model, language);
        }
        catch (TemplateRenderException e)
        {
            logger.LogError(e, "The {Kind} template ({Language}) failed on this message; the built-in text was used instead", kind, language);
            return Render(Default(kind, language), model, language);
        }
    }

    /// <summary>
    /// Renders a text with <paramref name="model"/> (nested dictionaries and lists of plain values, already formatted
    /// for the reader) as plain text, within bounds: any failure is a <see cref="TemplateRenderException"/>.
    /// </summary>
    public static (string Subject, string Body) Render(TemplateText text, IReadOnlyDictionary<string, object?> model, string language)
    {
        var options = new TemplateOptions
        {
            CultureInfo = new CultureInfo(language == "en" ? "en" : "es-AR"),
            MaxSteps = 20_000,
            MaxRecursion = 20,
        };
        var context = new TemplateContext(options);
        foreach (var (name, value) in model)
        {
            context.SetValue(name, FluidValue.Create(value, options));
        }
        var subject = One(text.Subject, context, MaxRenderedBody).ReplaceLineEndings(" ").Trim();
        return (subject.Length > MaxRenderedSubject ? subject[..(MaxRenderedSubject - 1)] + "…" : subject, One(text.Body, context, MaxRenderedBody));
    }

    private static string One(string source, TemplateContext context, int maxLength)
    {
        if (!Parser.TryParse(source, out var template, out var error))
        {
            throw new TemplateRenderException($"The template does not parse: {error}", null);
        }
        using var writer = new CappedWriter(maxLength);
        try
        {
            // No filter here waits on anything, so the render completes synchronously; the wait is only a formality.
            var rendering = template.RenderAsync(writer, NullEncoder.Default, context);
            if (!rendering.IsCompletedSuccessfully)
            {
                rendering.AsTask().GetAwaiter().GetResult();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new TemplateRenderException(e switch
            {
                CappedWriter.FullException => TemplateRenderException.TooLong,
                InvalidOperationException when e.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase) => TemplateRenderException.TooManySteps,
                _ => e.Message,
            }, e);
        }
        return writer.ToString();
    }

    /// <summary>A writer that refuses to grow past its limit.</summary>
    private sealed class CappedWriter(int maxLength) : StringWriter(CultureInfo.InvariantCulture)
    {
        public sealed class FullException() : Exception("The rendered text is too long.");

        public override void Write(char value)
        {
            Check(1);
            base.Write(value);
        }

        public override void Write(string? value)
        {
            Check(value?.Length ?? 0);
            base.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Check(count);
            base.Write(buffer, index, count);
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            Check(buffer.Length);
            base.Write(buffer);
        }

        private void Check(int more)
        {
            if (GetStringBuilder().Length + more > maxLength)
            {
                throw new FullException();
            }
        }
    }
}

/// <summary>A template that cannot be rendered for this message (too long, too many steps, an error in an expression).</summary>
public sealed class TemplateRenderException(string message, Exception? inner) : Exception(message, inner)
{
    /// <summary>Reasons the editor names in the reader's language.</summary>
    public const string TooLong = "too-long";
    public const string TooManySteps = "too-many-steps";
}
