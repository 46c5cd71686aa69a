using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Tickets;

internal sealed class TicketMessageConfiguration : IEntityTypeConfiguration<TicketMessage>
{
    public void Configure(EntityTypeBuilder<TicketMessage> builder)
    {
        builder.ToTable("TicketMessages");
        builder.Property(m => m.Direction).HasConversion<string>().HasMaxLength(4);
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.MessageId).HasMaxLength(998);
        builder.Property(m => m.InReplyTo).HasMaxLength(998);
        builder.Property(m => m.ThreadKey).HasMaxLength(64);
        builder.Property(m => m.From).HasMaxLength(998);
        builder.Property(m => m.Subject).HasMaxLength(998);
        builder.Property(m => m.AuthorId).HasMaxLength(450);
        // Threading looks replies up by these; MessageId is unique so one id names one message.
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.HasIndex(m => m.ThreadKey);
        builder.HasIndex(m => new { m.TicketId, m.Id });
        // WhatsApp's 24-hour window: when did this number last write to us? Only inbound WhatsApp messages are indexed.
        builder.HasIndex(m => new { m.From, m.At }).HasDatabaseName("IX_TicketMessages_WhatsAppInbound_From_At")
            .HasFilter("\"Channel\" = 'WhatsApp' AND \"Direction\" = 'In'");
        builder.HasOne<Ticket>().WithMany(t => t.Messages).HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.Outbox).WithMany().HasForeignKey(m => m.OutboxMessageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.TicketMessageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.ToTable("Attachments");
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(200);
        builder.Property(a => a.ContentId).HasMaxLength(998);
        builder.HasOne(a => a.Content).WithOne().HasForeignKey<AttachmentContent>(c => c.Id).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AttachmentContentConfiguration : IEntityTypeConfiguration<AttachmentContent>
{
    public void Configure(EntityTypeBuilder<AttachmentContent> builder)
    {
        builder.ToTable("AttachmentContents");
        builder.Property(c => c.Id).ValueGeneratedNever();
    }
}
