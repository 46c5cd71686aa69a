using Ayuda.Features.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.OnCall;

internal sealed class OnCallRotationConfiguration : IEntityTypeConfiguration<OnCallRotation>
{
    public void Configure(EntityTypeBuilder<OnCallRotation> builder)
    {
        builder.ToTable("OnCallRotations");
        builder.Property(r => r.Name).HasMaxLength(OnCallRotation.MaxNameLength);
        builder.HasIndex(r => r.Name).IsUnique();
        builder.Property(r => r.TimeZone).HasMaxLength(64);
        builder.Property(r => r.Coverage).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.HandOffDay).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.OwnsMany(r => r.Windows, w =>
        {
            w.ToJson();
            w.Property(x => x.Day).HasConversion<string>();
        });
        builder.HasMany(r => r.Overrides).WithOne().HasForeignKey(o => o.RotationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OnCallOverrideConfiguration : IEntityTypeConfiguration<OnCallOverride>
{
    public void Configure(EntityTypeBuilder<OnCallOverride> builder)
    {
        builder.ToTable("OnCallOverrides");
        builder.Property(o => o.UserId).HasMaxLength(450);
        builder.Property(o => o.Reason).HasMaxLength(OnCallOverride.MaxReasonLength);
        builder.Property(o => o.CreatedByName).HasMaxLength(200);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Restrict);
        // "Which overrides touch this period" for a rotation.
        builder.HasIndex(o => new { o.RotationId, o.To });
    }
}

internal sealed class HolidayConfiguration : IEntityTypeConfiguration<Holiday>
{
    public void Configure(EntityTypeBuilder<Holiday> builder)
    {
        builder.ToTable("Holidays");
        builder.Property(h => h.Name).HasMaxLength(Holiday.MaxNameLength);
        builder.HasIndex(h => h.Date).IsUnique();
    }
}

internal sealed class OnCallFeedTokenConfiguration : IEntityTypeConfiguration<OnCallFeedToken>
{
    public void Configure(EntityTypeBuilder<OnCallFeedToken> builder)
    {
        builder.ToTable("OnCallFeedTokens");
        builder.HasKey(t => t.UserId);
        builder.Property(t => t.UserId).HasMaxLength(450);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
