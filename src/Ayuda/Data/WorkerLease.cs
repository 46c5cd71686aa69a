using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Data;

/// <summary>
/// A named piece of background work (a mailbox to poll) held by one host until <see cref="Until"/>: with several hosts
/// running, only the holder works it; a host that dies lets its lease run out and another takes over.
/// </summary>
public sealed class WorkerLease
{
    public string Name { get; set; } = "";
    public string Owner { get; set; } = "";
    public DateTimeOffset Until { get; set; }
}

internal sealed class WorkerLeaseConfiguration : IEntityTypeConfiguration<WorkerLease>
{
    public void Configure(EntityTypeBuilder<WorkerLease> builder)
    {
        builder.ToTable("WorkerLeases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.Owner).HasMaxLength(100);
    }
}

/// <summary>Takes or renews a lease atomically: an insert, or an update that only succeeds for the holder or after expiry.</summary>
public static class WorkerLeases
{
    /// <summary>A name for this worker in this process, unique across hosts and restarts, that fits the Owner column.</summary>
    public static string NewOwner()
    {
        var owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        return owner.Length > 100 ? owner[^100..] : owner;
    }

    public static async Task<bool> TryAcquireAsync(AyudaDb db, string name, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken ct)
    {
        var until = now + duration;
        var updated = await db.WorkerLeases
            .Where(l => l.Name == name && (l.Owner == owner || l.Until < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner).SetProperty(l => l.Until, until), ct);
        if (updated == 1)
        {
            return true;
        }
        if (await db.WorkerLeases.AnyAsync(l => l.Name == name, ct))
        {
            return false;
        }
        db.WorkerLeases.Add(new WorkerLease { Name = name, Owner = owner, Until = until });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another host inserted it first.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
