namespace Ayuda.Infrastructure;

/// <summary>
/// What a use case returns for an expected failure: the value, field errors (400), a conflict (409) or not found (404).
/// Messages are sentences for a person, already in their language. Pages show them; endpoints map them to ProblemDetails.
/// </summary>
public sealed class Outcome<T>
{
    private Outcome(T? value, IReadOnlyDictionary<string, string[]>? errors, string? problem, DomainErrorKind kind)
    {
        Value = value;
        Errors = errors ?? new Dictionary<string, string[]>();
        Problem = problem;
        Kind = kind;
    }

    public T? Value { get; }
    public IReadOnlyDictionary<string, string[]> Errors { get; }
    public string? Problem { get; }
    public DomainErrorKind Kind { get; }
    public bool Succeeded => Problem is null && Errors.Count == 0;

    public static Outcome<T> Ok(T value) => new(value, null, null, DomainErrorKind.Conflict);
    public static Outcome<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(default, errors, null, DomainErrorKind.Invalid);
    public static Outcome<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });
    public static Outcome<T> Fail(string problem, DomainErrorKind kind = DomainErrorKind.Conflict) => new(default, null, problem, kind);

    /// <summary>All messages in one list, for a snackbar or an alert.</summary>
    public IEnumerable<string> Messages => Problem is null ? Errors.SelectMany(e => e.Value) : [Problem];
}
