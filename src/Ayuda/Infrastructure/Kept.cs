namespace Ayuda.Infrastructure;

/// <summary>
/// A value read from the database and kept on this host for a short while, for what every page asks (who is on call,
/// who may be assigned, the bell's count). A change made on this host moves the owner's version on, so a value read
/// before it is not used again; changes made on other hosts are seen once <see cref="Until"/> passes. A class, so a
/// reader on another thread sees the whole of it or none.
/// </summary>
public sealed record Kept<T>(T Value, int Version, DateTimeOffset Until)
{
    public bool FreshAt(int version, DateTimeOffset now) => Version == version && now < Until;
}
