using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Infrastructure;

/// <summary>
/// A business rule was broken. Entities cannot localise, so they name a resource key and its arguments;
/// pages and the ProblemDetails handler turn it into a sentence for the person with <see cref="Describe"/>.
/// </summary>
public sealed class DomainException(string key, DomainErrorKind kind = DomainErrorKind.Conflict, params object[] args)
    : Exception(key)
{
    public DomainErrorKind Kind { get; } = kind;
    public string Key { get; } = key;
    public IReadOnlyList<object> Args { get; } = args;

    /// <summary>The request field (a query parameter, a property) the problem is about, when it is about one; it becomes the ProblemDetails' errors entry.</summary>
    public string? Field { get; private init; }

    public static DomainException Conflict(string key, params object[] args) => new(key, DomainErrorKind.Conflict, args);
    public static DomainException Invalid(string key, params object[] args) => new(key, DomainErrorKind.Invalid, args);
    /// <summary>A 400 about one field of the request: the problem names it under <c>errors</c> as well as in the detail.</summary>
    public static DomainException InvalidField(string field, string key, params object[] args) => new(key, DomainErrorKind.Invalid, args) { Field = field };
    public static DomainException NotFound(string key, params object[] args) => new(key, DomainErrorKind.NotFound, args);

    /// <summary>The sentence for the person; enum arguments (states, classifications) are named in their language.</summary>
    public string Describe(IStringLocalizer<Strings> l) =>
        l[Key, [.. Args.Select(a => a is Enum e ? l[$"{e.GetType().Name}.{e}"].Value : a)]];
}

public enum DomainErrorKind
{
    /// <summary>The request was well formed but the current state forbids it (409).</summary>
    Conflict,
    /// <summary>The request itself is invalid (400).</summary>
    Invalid,
    /// <summary>What the request names does not exist (404).</summary>
    NotFound,
}
