using Ayuda.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Requirements;

internal sealed class RequirementConfiguration : IEntityTypeConfiguration<Requirement>
{
    public void Configure(EntityTypeBuilder<Requirement> builder)
    {
        builder.ToTable("Requirements");
        builder.Property(r => r.Notes).HasMaxLength(Requirement.MaxNotesLength);
        builder.Property(r => r.GatheredById).HasMaxLength(450);
        builder.Property(r => r.GatheredByName).HasMaxLength(200);
        builder.Property(r => r.ReviewedByName).HasMaxLength(200);
        builder.Property(r => r.Comment).HasMaxLength(Requirement.MaxCommentLength);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(12);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasOne(r => r.Ticket).WithMany().HasForeignKey(r => r.TicketId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Meetings.Meeting>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Files).WithOne().HasForeignKey(f => f.RequirementId).OnDelete(DeleteBehavior.Restrict);
        // The Project Manager's queue: by state, oldest first; a ticket's requirements.
        builder.HasIndex(r => new { r.State, r.GatheredAt, r.Id });
        builder.HasIndex(r => new { r.GatheredAt, r.Id });
        builder.HasIndex(r => r.TicketId);
    }
}

internal sealed class RequirementFileConfiguration : IEntityTypeConfiguration<RequirementFile>
{
    public void Configure(EntityTypeBuilder<RequirementFile> builder)
    {
        builder.ToTable("RequirementFiles");
        builder.Property(f => f.FileName).HasMaxLength(255);
        builder.Property(f => f.ContentType).HasMaxLength(200);
        builder.Property(f => f.AddedByName).HasMaxLength(200);
        builder.HasIndex(f => f.RequirementId);
    }
}
