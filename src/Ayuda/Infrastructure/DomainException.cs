namespace Ayuda.Infrastructure;

/// <summary>A business rule was broken. The message is a sentence for a person (already localised).</summary>
public sealed class DomainException(string message, DomainErrorKind kind = DomainErrorKind.Conflict) : Exception(message)
{
    public DomainErrorKind Kind { get; } = kind;
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
