using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Settings;

/// <summary>
/// One section of settings changed from the UI (e.g. <c>Ayuda:Email</c>), as JSON with its secrets protected. When a
/// section is stored it wins over appsettings and environment variables, which only give the starting values.
/// </summary>
public sealed class StoredSetting
{
    public string Key { get; set; } = "";
    public string Json { get; set; } = "{}";

    /// <summary>Grows by one on every save: a save based on an older version is refused (someone else saved first).</summary>
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

internal sealed class StoredSettingConfiguration : IEntityTypeConfiguration<StoredSetting>
{
    public void Configure(EntityTypeBuilder<StoredSetting> builder)
    {
        builder.ToTable("Settings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(100);
        builder.Property(s => s.UpdatedBy).HasMaxLength(200);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
