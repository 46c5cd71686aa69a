namespace Ayuda.Features.Settings;

/// <summary>
/// A setting that is a secret (a password, a token): stored encrypted with Data Protection, never sent back to a
/// browser or an API client, never logged.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
