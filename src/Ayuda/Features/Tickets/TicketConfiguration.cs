using Ayuda.Features.Customers;
using Ayuda.Features.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Tickets;

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> builder)
    {
        builder.Property(t => t.Number).HasMaxLength(16);
        builder.Property(t => t.Subject).HasMaxLength(Ticket.MaxSubjectLength);
        builder.Property(t => t.Description).HasMaxLength(Ticket.MaxDescriptionLength);
        builder.Property(t => t.From).HasMaxLength(320);
        builder.Property(t => t.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Classification).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Priority).HasConversion<string>().HasMaxLength(10);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Property(t => t.FollowsUp).HasMaxLength(16);
        builder.Property(t => t.Resolution).HasMaxLength(Ticket.MaxNoteLength);
        builder.HasIndex(t => t.Number).IsUnique();
        // The queues: a state, oldest contact first, keyset-paged on (ContactedAt, Id).
        builder.HasIndex(t => new { t.State, t.ContactedAt, t.Id });
        builder.HasIndex(t => new { t.ContactedAt, t.Id });
        builder.HasIndex(t => new { t.AssigneeId, t.State, t.ContactedAt, t.Id });
        builder.HasIndex(t => new { t.AssigneeId, t.ContactedAt, t.Id });
        builder.HasIndex(t => new { t.CustomerId, t.ContactedAt, t.Id });
        // Supervision and reports: tickets created, closed and resolved in a period.
        builder.HasIndex(t => t.CreatedAt);
        builder.HasIndex(t => new { t.State, t.ClosedAt });
        builder.HasIndex(t => t.ResolvedAt);
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contact>().WithMany().HasForeignKey(t => t.ContactId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Incidents.Incident>().WithMany().HasForeignKey(t => t.IncidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => t.IncidentId);
        builder.HasMany(t => t.Timeline).WithOne().HasForeignKey(e => e.TicketId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.ToTable("TimelineEntries");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.From).HasMaxLength(450);
        builder.Property(e => e.To).HasMaxLength(450);
        builder.Property(e => e.Text).HasMaxLength(Ticket.MaxDescriptionLength);
        builder.HasIndex(e => new { e.TicketId, e.Id });
        builder.HasOne(e => e.Message).WithMany().HasForeignKey(e => e.TicketMessageId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The last ticket sequence used in a year; one row per year, bumped atomically.</summary>
public sealed class TicketCounter
{
    public int Year { get; set; }
    public long Last { get; set; }
}

internal sealed class TicketCounterConfiguration : IEntityTypeConfiguration<TicketCounter>
{
    public void Configure(EntityTypeBuilder<TicketCounter> builder)
    {
        builder.ToTable("TicketCounters");
        builder.HasKey(c => c.Year);
        builder.Property(c => c.Year).ValueGeneratedNever();
    }
}
