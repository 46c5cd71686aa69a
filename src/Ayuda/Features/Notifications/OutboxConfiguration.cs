using Ayuda.Features.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Notifications;

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        // Room for the longest kind's name (FeedbackAcknowledgement is 23) and a few more.
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.State).HasConversion<string>().HasMaxLength(10);
        builder.Property(o => o.From).HasMaxLength(998);
        builder.Property(o => o.Subject).HasMaxLength(998);
        builder.Property(o => o.MessageId).HasMaxLength(998);
        builder.Property(o => o.InReplyTo).HasMaxLength(998);
        builder.Property(o => o.LeaseOwner).HasMaxLength(100);
        builder.Property(o => o.LastError).HasMaxLength(2000);
        builder.Property(o => o.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.ProviderMessageId).HasMaxLength(200);
        builder.HasIndex(o => o.ProviderMessageId);
        // The dispatcher's question: what is queued and due, oldest first.
        builder.HasIndex(o => new { o.State, o.NextAttemptAt });
        builder.HasIndex(o => o.MessageId).IsUnique();
        builder.HasIndex(o => new { o.To, o.Kind, o.CreatedAt });
        builder.HasIndex(o => o.TicketId);
        builder.HasOne(o => o.Ticket).WithMany().HasForeignKey(o => o.TicketId).OnDelete(DeleteBehavior.Restrict);
    }
}
