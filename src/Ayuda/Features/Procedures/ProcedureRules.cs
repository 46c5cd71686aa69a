using System.Text.RegularExpressions;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Procedures;

/// <summary>
/// What a controlled document and a revision must have. The entities refuse a broken one; the use cases ask first,
/// so the person gets every problem at once, field by field.
/// </summary>
public static partial class ProcedureRules
{
    public const int MaxCodeLength = 24;
    public const int MaxTitleLength = 200;

    /// <summary>The problems of a code, as (field, resource key, arguments).</summary>
    public static IEnumerable<(string Field, string Key, object[] Args)> CodeProblems(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            yield return ("code", "Procedures.CodeRequired", []);
        }
        else if (code.Trim().Length > MaxCodeLength || !CodePattern().IsMatch(NormaliseCode(code)))
        {
            yield return ("code", "Procedures.CodeFormat", [MaxCodeLength]);
        }
    }

    /// <summary>The problems of a revision's title, text and change control; with <paramref name="titleMayStay"/> a missing title keeps the one there is.</summary>
    public static IEnumerable<(string Field, string Key, object[] Args)> RevisionProblems(string? title, string? markdown, IReadOnlyList<ChangeInput>? changes,
        bool titleMayStay = false)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            if (!titleMayStay)
            {
                yield return ("title", "Procedures.TitleRequired", []);
            }
        }
        else if (title.Trim().Length > MaxTitleLength)
        {
            yield return ("title", "Procedures.TooLong", [MaxTitleLength]);
        }
        if (string.IsNullOrWhiteSpace(markdown))
        {
            yield return ("markdown", "Procedures.TextRequired", []);
        }
        else if (markdown.Length > ProcedureRevision.MaxMarkdownLength)
        {
            yield return ("markdown", "Procedures.TooLong", [ProcedureRevision.MaxMarkdownLength]);
        }
        for (var i = 0; i < (changes?.Count ?? 0); i++)
        {
            var row = changes![i];
            if (row is null)
            {
                yield return ($"changes[{i}]", "Procedures.ChangeLocationRequired", [i + 1]);
                continue;
            }
            if (string.IsNullOrWhiteSpace(row.Location))
            {
                yield return ($"changes[{i}].location", "Procedures.ChangeLocationRequired", [i + 1]);
            }
            else if (row.Location.Trim().Length > ProcedureChange.MaxLocationLength)
            {
                yield return ($"changes[{i}].location", "Procedures.TooLong", [ProcedureChange.MaxLocationLength]);
            }
            if (row.Kind is null)
            {
                yield return ($"changes[{i}].kind", "Procedures.ChangeKindRequired", [i + 1]);
            }
            if (string.IsNullOrWhiteSpace(row.Description))
            {
                yield return ($"changes[{i}].description", "Procedures.ChangeDescriptionRequired", [i + 1]);
            }
            else if (row.Description.Trim().Length > ProcedureChange.MaxDescriptionLength)
            {
                yield return ($"changes[{i}].description", "Procedures.TooLong", [ProcedureChange.MaxDescriptionLength]);
            }
        }
    }

    /// <summary>The entity's guard: the first problem, as a 400.</summary>
    internal static void Check(string? title, string? markdown, IReadOnlyList<ChangeInput> changes)
    {
        foreach (var (_, key, args) in RevisionProblems(title, markdown, changes))
        {
            throw DomainException.Invalid(key, args);
        }
    }

    internal static void CheckCode(string? code)
    {
        foreach (var (_, key, args) in CodeProblems(code))
        {
            throw DomainException.Invalid(key, args);
        }
    }

    /// <summary>Every problem, in the person's language, grouped by field.</summary>
    public static Dictionary<string, string[]> Describe(IEnumerable<(string Field, string Key, object[] Args)> problems, IStringLocalizer<Strings> l) =>
        problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => l[p.Key, p.Args].Value).ToArray());

    /// <summary>Codes are written as the quality system writes them: upper case, e.g. <c>PR-IMP-01</c>.</summary>
    public static string NormaliseCode(string code) => code.Trim().ToUpperInvariant();

    [GeneratedRegex("^[A-Z0-9]+(-[A-Z0-9]+)*$")]
    private static partial Regex CodePattern();
}
