using Ayuda.Features.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Incidents;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("Incidents");
        builder.Property(i => i.Number).HasMaxLength(16);
        builder.HasIndex(i => i.Number).IsUnique();
        builder.Property(i => i.Title).HasMaxLength(Incident.MaxTitleLength);
        builder.Property(i => i.Product).HasMaxLength(Incident.MaxShortLength);
        builder.Property(i => i.Module).HasMaxLength(Incident.MaxShortLength);
        builder.Property(i => i.AffectedVersions).HasMaxLength(Incident.MaxTitleLength);
        builder.Property(i => i.Description).HasMaxLength(Incident.MaxTextLength);
        builder.Property(i => i.StepsToReproduce).HasMaxLength(Incident.MaxTextLength);
        builder.Property(i => i.ExpectedBehaviour).HasMaxLength(Incident.MaxTextLength);
        builder.Property(i => i.ActualBehaviour).HasMaxLength(Incident.MaxTextLength);
        builder.Property(i => i.Severity).HasConversion<string>().HasMaxLength(10);
        builder.Property(i => i.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.ReporterId).HasMaxLength(450);
        builder.Property(i => i.ReporterName).HasMaxLength(200);
        builder.Property(i => i.OwnerId).HasMaxLength(450);
        builder.Property(i => i.OwnerName).HasMaxLength(200);
        builder.Property(i => i.FixVersion).HasMaxLength(Incident.MaxShortLength);
        builder.Property(i => i.DuplicateOfNumber).HasMaxLength(16);
        builder.Property(i => i.Reason).HasMaxLength(Incident.MaxCommentLength);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.Ignore(i => i.IsOpen);
        builder.HasOne<Incident>().WithMany().HasForeignKey(i => i.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.History).WithOne().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Evidence).WithOne().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Restrict);
        // The register: newest first, by state and severity; the R&D manager's own.
        builder.HasIndex(i => new { i.CreatedAt, i.Id });
        builder.HasIndex(i => new { i.State, i.CreatedAt, i.Id });
        builder.HasIndex(i => new { i.Severity, i.CreatedAt, i.Id });
        builder.HasIndex(i => new { i.Product, i.CreatedAt, i.Id });
    }
}

internal sealed class IncidentEventConfiguration : IEntityTypeConfiguration<IncidentEvent>
{
    public void Configure(EntityTypeBuilder<IncidentEvent> builder)
    {
        builder.ToTable("IncidentEvents");
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.From).HasMaxLength(32);
        builder.Property(e => e.To).HasMaxLength(260);
        builder.Property(e => e.Text).HasMaxLength(Incident.MaxCommentLength);
        builder.HasIndex(e => new { e.IncidentId, e.Id });
    }
}

internal sealed class IncidentEvidenceConfiguration : IEntityTypeConfiguration<IncidentEvidence>
{
    public void Configure(EntityTypeBuilder<IncidentEvidence> builder)
    {
        builder.ToTable("IncidentEvidence");
        builder.Property(e => e.FileName).HasMaxLength(255);
        builder.Property(e => e.ContentType).HasMaxLength(200);
        builder.Property(e => e.AddedByName).HasMaxLength(200);
        builder.HasIndex(e => e.IncidentId);
    }
}

internal sealed class IncidentCounterConfiguration : IEntityTypeConfiguration<IncidentCounter>
{
    public void Configure(EntityTypeBuilder<IncidentCounter> builder)
    {
        builder.ToTable(YearlySequence.Incidents);
        builder.HasKey(c => c.Year);
        builder.Property(c => c.Year).ValueGeneratedNever();
    }
}
