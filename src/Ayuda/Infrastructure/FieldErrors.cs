namespace Ayuda.Infrastructure;

/// <summary>Reading an <see cref="Outcome{T}"/>'s per-field errors in a form: whether a field has any, and its sentences.</summary>
public static class FieldErrors
{
    public static bool Has(this IReadOnlyDictionary<string, string[]> errors, string field) => errors.ContainsKey(field);

    public static string Of(this IReadOnlyDictionary<string, string[]> errors, string field) =>
        errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : "";
}
