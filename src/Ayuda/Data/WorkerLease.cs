using System.ComponentModel.DataAnnotations;
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

/// <summary>
/// Settings under <c>Ayuda:Workers</c>, for every worker that claims work with a lease (mailboxes, the outbox, the
/// WhatsApp importer): how long a claim lasts. A host that dies holds its work this long before another takes it over;
/// a live host renews its claims well before they run out.
/// </summary>
public sealed class WorkerOptions
{
    public const string Section = "Ayuda:Workers";

    /// <summary>
    /// Longer than one send (the SMTP timeout) so a slow send is never taken over while it is still going; shorter
    /// means a dead host's work is picked up sooner.
    /// </summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 120;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
}
