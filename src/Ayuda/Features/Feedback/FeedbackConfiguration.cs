using Ayuda.Features.Customers;
using Ayuda.Features.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Feedback;

internal sealed class FeedbackEntryConfiguration : IEntityTypeConfiguration<FeedbackEntry>
{
    public void Configure(EntityTypeBuilder<FeedbackEntry> builder)
    {
        builder.ToTable("FeedbackEntries");
        builder.Property(f => f.Number).HasMaxLength(16);
        builder.HasIndex(f => f.Number).IsUnique();
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(12);
        builder.Property(f => f.Category).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.State).HasConversion<string>().HasMaxLength(8);
        builder.Property(f => f.Acknowledgement).HasConversion<string>().HasMaxLength(12);
        builder.Property(f => f.AcknowledgedVia).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.AcknowledgedTo).HasMaxLength(320);
        builder.Property(f => f.AcknowledgementNote).HasMaxLength(FeedbackEntry.MaxNoteLength);
        builder.Property(f => f.Description).HasMaxLength(FeedbackEntry.MaxDescriptionLength);
        builder.Property(f => f.Outcome).HasMaxLength(FeedbackEntry.MaxOutcomeLength);
        builder.Property(f => f.TicketNumber).HasMaxLength(16);
        builder.Property(f => f.RecordedById).HasMaxLength(450);
        builder.Property(f => f.RecordedByName).HasMaxLength(200);
        builder.Property(f => f.ReviewedById).HasMaxLength(450);
        builder.Property(f => f.ReviewedByName).HasMaxLength(200);
        builder.Property(f => f.ClosedById).HasMaxLength(450);
        builder.Property(f => f.ClosedByName).HasMaxLength(200);
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.Ignore(f => f.IsOpen);
        // Quality records outlive nothing they point at: deleting a customer, contact or ticket with entries is refused.
        builder.HasOne<Customer>().WithMany().HasForeignKey(f => f.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contact>().WithMany().HasForeignKey(f => f.ContactId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(f => f.TicketId).OnDelete(DeleteBehavior.Restrict);
        // One entry per ticket: a second click (or a second consultant) cannot record the same contact twice.
        builder.HasIndex(f => f.TicketId).IsUnique();
        // The register: newest first, by kind and state, and a customer's own.
        builder.HasIndex(f => new { f.RecordedAt, f.Id });
        builder.HasIndex(f => new { f.State, f.Kind, f.RecordedAt, f.Id });
        builder.HasIndex(f => new { f.CustomerId, f.RecordedAt, f.Id });
    }
}

internal sealed class FeedbackCounterConfiguration : IEntityTypeConfiguration<FeedbackCounter>
{
    public void Configure(EntityTypeBuilder<FeedbackCounter> builder)
    {
        builder.ToTable(YearlySequence.Feedback);
        builder.HasKey(c => c.Year);
        builder.Property(c => c.Year).ValueGeneratedNever();
    }
}
