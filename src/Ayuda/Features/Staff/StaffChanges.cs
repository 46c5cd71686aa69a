namespace Ayuda.Features.Staff;

/// <summary>
/// Counts the changes to staff made on this host (a user created, roles or active changed), so a reader that keeps a
/// list of staff for a few seconds (who may be assigned) knows at once when to read it again.
/// </summary>
public sealed class StaffChanges
{
    private int _version;

    public int Version => Volatile.Read(ref _version);

    public void Happened() => Interlocked.Increment(ref _version);
}
