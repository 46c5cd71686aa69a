using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Procedures;

internal sealed class ProcedureDocumentConfiguration : IEntityTypeConfiguration<ProcedureDocument>
{
    public void Configure(EntityTypeBuilder<ProcedureDocument> builder)
    {
        builder.ToTable("ProcedureDocuments");
        builder.Property(d => d.Code).HasMaxLength(ProcedureRules.MaxCodeLength);
        builder.HasIndex(d => d.Code).IsUnique();
        builder.Property(d => d.Title).HasMaxLength(ProcedureRules.MaxTitleLength);
        builder.Property(d => d.CreatedByName).HasMaxLength(200);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.Ignore(d => d.Draft);
        builder.Ignore(d => d.Current);
        builder.HasMany(d => d.Revisions).WithOne().HasForeignKey(r => r.DocumentId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(d => d.Revisions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ProcedureRevisionConfiguration : IEntityTypeConfiguration<ProcedureRevision>
{
    public void Configure(EntityTypeBuilder<ProcedureRevision> builder)
    {
        builder.ToTable("ProcedureRevisions");
        builder.HasIndex(r => new { r.DocumentId, r.Number }).IsUnique();
        // At most one draft per document, whatever two heads click at the same moment.
        builder.HasIndex(r => r.DocumentId).IsUnique().HasFilter("\"State\" = 'Draft'").HasDatabaseName("IX_ProcedureRevisions_OneDraft");
        builder.Property(r => r.Title).HasMaxLength(ProcedureRules.MaxTitleLength);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(12);
        builder.Property(r => r.Markdown).HasMaxLength(ProcedureRevision.MaxMarkdownLength);
        builder.Property(r => r.DraftedById).HasMaxLength(450);
        builder.Property(r => r.DraftedByName).HasMaxLength(200);
        builder.Property(r => r.UpdatedByName).HasMaxLength(200);
        builder.Property(r => r.ApprovedById).HasMaxLength(450);
        builder.Property(r => r.ApprovedByName).HasMaxLength(200);
        builder.Ignore(r => r.IsDraft);
        builder.OwnsMany(r => r.Changes, change =>
        {
            change.ToTable("ProcedureChanges");
            change.WithOwner().HasForeignKey("RevisionId");
            change.Property<int>("Id");
            change.HasKey("Id");
            change.Property(c => c.Location).HasMaxLength(ProcedureChange.MaxLocationLength);
            change.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            change.Property(c => c.Description).HasMaxLength(ProcedureChange.MaxDescriptionLength);
        });
        builder.Navigation(r => r.Changes).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
