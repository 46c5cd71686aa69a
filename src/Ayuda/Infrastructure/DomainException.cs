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

    public static DomainException Conflict(string key, params object[] args) => new(key, DomainErrorKind.Conflict, args);
    public static DomainException Invalid(string key, params object[] args) => new(key, DomainErrorKind.Invalid, args);
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
