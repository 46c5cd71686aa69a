using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Customers;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.TaxId).HasMaxLength(11);
        builder.Property(c => c.Notes).HasMaxLength(4000);
        builder.HasIndex(c => c.TaxId).IsUnique();
        builder.HasIndex(c => c.Name);
        builder.HasMany(c => c.Agreements).WithOne().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SupportAgreementConfiguration : IEntityTypeConfiguration<SupportAgreement>
{
    public void Configure(EntityTypeBuilder<SupportAgreement> builder)
    {
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(a => new { a.CustomerId, a.EndsOn });
    }
}
