using Ayuda.Features.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Channels;

internal sealed class InboundMessageConfiguration : IEntityTypeConfiguration<InboundMessage>
{
    public void Configure(EntityTypeBuilder<InboundMessage> builder)
    {
        builder.ToTable("InboundMessages");
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.ExternalId).HasMaxLength(998);
        builder.Property(m => m.Source).HasMaxLength(200);
        builder.Property(m => m.Outcome).HasConversion<string>().HasMaxLength(12);
        builder.Property(m => m.From).HasMaxLength(320);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Reason).HasMaxLength(2000);
        // Redelivery is harmless: one row per message and channel.
        builder.HasIndex(m => new { m.Channel, m.ExternalId }).IsUnique();
        builder.HasIndex(m => new { m.Outcome, m.ReceivedAt });
        // The WhatsApp worker's question: what is waiting and due.
        builder.HasIndex(m => new { m.Outcome, m.NextAttemptAt });
        builder.HasOne(m => m.Ticket).WithMany().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Restrict);
    }
}
