using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Intake;

internal sealed class IntakeKeyConfiguration : IEntityTypeConfiguration<IntakeKey>
{
    public void Configure(EntityTypeBuilder<IntakeKey> builder)
    {
        // The key is the lookup and the guard: a second insert of the same caller's key fails inside its transaction.
        builder.HasKey(k => new { k.CallerId, k.Key });
        builder.Property(k => k.CallerId).HasMaxLength(64);
        builder.Property(k => k.Key).HasMaxLength(IntakeKey.MaxLength);
        builder.HasOne(k => k.Ticket).WithMany().HasForeignKey(k => k.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(k => k.TicketId);
    }
}
