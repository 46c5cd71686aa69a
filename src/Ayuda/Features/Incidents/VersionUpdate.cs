using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Incidents;

/// <summary>
/// A request to R&amp;D to update a customer's installed version (the procedure: the consultant emails the R&amp;D manager
/// and follows it to the end). Requested → Approved → Scheduled (date) → Installed, which updates the customer's
/// installed version; or Rejected with a reason. Every step is in its history.
/// </summary>
public sealed class VersionUpdate
{
    public const int MaxVersionLength = 40;
    public const int MaxReasonLength = 4000;

    public long Id { get; private set; }
    public int CustomerId { get; private set; }
    public long? TicketId { get; private set; }
    public long? IncidentId { get; private set; }
    public string Product { get; private set; } = "";
    public string CurrentVersion { get; private set; } = "";
    public string TargetVersion { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public VersionUpdateState State { get; private set; }
    public DateOnly? ScheduledFor { get; private set; }
    public string? RejectionReason { get; private set; }
    public string? RequestedById { get; private set; }
    public string RequestedByName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset StateSince { get; private set; }
    public int Version { get; private set; }
    public List<VersionUpdateEvent> History { get; private set; } = [];

    private VersionUpdate() { }

    public VersionUpdate(int customerId, long? ticketId, long? incidentId, string product, string currentVersion, string targetVersion, string reason, Actor actor, DateTimeOffset now)
    {
        CustomerId = customerId;
        TicketId = ticketId;
        IncidentId = incidentId;
        Product = product.Trim();
        CurrentVersion = currentVersion.Trim();
        TargetVersion = targetVersion.Trim();
        Reason = reason.Trim();
        RequestedById = actor.Id;
        RequestedByName = actor.Name;
        State = VersionUpdateState.Requested;
        CreatedAt = StateSince = now;
        History.Add(new VersionUpdateEvent(now, actor, null, State, Reason));
    }

    public void MoveTo(VersionUpdateState to, string? comment, DateOnly? scheduledFor, Actor actor, DateTimeOffset now)
    {
        if (!VersionUpdateStates.CanMove(State, to))
        {
            throw DomainException.Conflict("VersionUpdates.IllegalMove", Id, State, to);
        }
        if (to == VersionUpdateState.Scheduled)
        {
            ScheduledFor = scheduledFor ?? throw DomainException.Invalid("VersionUpdates.DateRequired");
        }
        if (to == VersionUpdateState.Rejected)
        {
            RejectionReason = string.IsNullOrWhiteSpace(comment) ? throw DomainException.Invalid("VersionUpdates.ReasonRequired") : comment.Trim();
        }
        if ((comment?.Length ?? 0) > MaxReasonLength)
        {
            throw DomainException.Invalid("VersionUpdates.CommentTooLong", MaxReasonLength);
        }
        var from = State;
        State = to;
        StateSince = now;
        Version++;
        History.Add(new VersionUpdateEvent(now, actor, from, to, to == VersionUpdateState.Scheduled ? $"{scheduledFor:yyyy-MM-dd} {comment}".Trim() : comment?.Trim()));
    }

    public bool IsOpen => VersionUpdateStates.IsOpen(State);
}

public enum VersionUpdateState
{
    Requested,
    Approved,
    Scheduled,
    Installed,
    Rejected,
}

public static class VersionUpdateStates
{
    private static readonly Dictionary<VersionUpdateState, VersionUpdateState[]> Moves = new()
    {
        [VersionUpdateState.Requested] = [VersionUpdateState.Approved, VersionUpdateState.Rejected],
        [VersionUpdateState.Approved] = [VersionUpdateState.Scheduled, VersionUpdateState.Rejected],
        [VersionUpdateState.Scheduled] = [VersionUpdateState.Installed, VersionUpdateState.Scheduled, VersionUpdateState.Rejected],
        [VersionUpdateState.Installed] = [],
        [VersionUpdateState.Rejected] = [],
    };

    public static bool CanMove(VersionUpdateState from, VersionUpdateState to) => Moves[from].Contains(to);

    public static IReadOnlyList<VersionUpdateState> NextFrom(VersionUpdateState from) => Moves[from];

    public static bool IsOpen(VersionUpdateState state) => state is not (VersionUpdateState.Installed or VersionUpdateState.Rejected);
}

public sealed class VersionUpdateEvent
{
    public long Id { get; private set; }
    public long VersionUpdateId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorName { get; private set; } = "";
    public VersionUpdateState? From { get; private set; }
    public VersionUpdateState To { get; private set; }
    public string? Text { get; private set; }

    private VersionUpdateEvent() { }

    internal VersionUpdateEvent(DateTimeOffset at, Actor actor, VersionUpdateState? from, VersionUpdateState to, string? text)
    {
        At = at;
        ActorName = actor.Name;
        From = from;
        To = to;
        Text = text;
    }
}

internal sealed class VersionUpdateConfiguration : IEntityTypeConfiguration<VersionUpdate>
{
    public void Configure(EntityTypeBuilder<VersionUpdate> builder)
    {
        builder.ToTable("VersionUpdates");
        builder.Property(v => v.Product).HasMaxLength(Incident.MaxShortLength);
        builder.Property(v => v.CurrentVersion).HasMaxLength(VersionUpdate.MaxVersionLength);
        builder.Property(v => v.TargetVersion).HasMaxLength(VersionUpdate.MaxVersionLength);
        builder.Property(v => v.Reason).HasMaxLength(VersionUpdate.MaxReasonLength);
        builder.Property(v => v.RejectionReason).HasMaxLength(VersionUpdate.MaxReasonLength);
        builder.Property(v => v.RequestedById).HasMaxLength(450);
        builder.Property(v => v.RequestedByName).HasMaxLength(200);
        builder.Property(v => v.State).HasConversion<string>().HasMaxLength(12);
        builder.Property(v => v.Version).IsConcurrencyToken();
        builder.Ignore(v => v.IsOpen);
        builder.HasOne<Customers.Customer>().WithMany().HasForeignKey(v => v.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Tickets.Ticket>().WithMany().HasForeignKey(v => v.TicketId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Incident>().WithMany().HasForeignKey(v => v.IncidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(v => v.History).WithOne().HasForeignKey(e => e.VersionUpdateId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.State, v.StateSince });
        builder.HasIndex(v => new { v.CustomerId, v.CreatedAt });
        // One request per customer and incident, however many hands raise it at once.
        builder.HasIndex(v => new { v.IncidentId, v.CustomerId }).IsUnique().HasFilter("\"IncidentId\" IS NOT NULL");
    }
}

internal sealed class VersionUpdateEventConfiguration : IEntityTypeConfiguration<VersionUpdateEvent>
{
    public void Configure(EntityTypeBuilder<VersionUpdateEvent> builder)
    {
        builder.ToTable("VersionUpdateEvents");
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.From).HasConversion<string>().HasMaxLength(12);
        builder.Property(e => e.To).HasConversion<string>().HasMaxLength(12);
        builder.Property(e => e.Text).HasMaxLength(VersionUpdate.MaxReasonLength + 20);
        builder.HasIndex(e => e.VersionUpdateId);
    }
}
