using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Customers;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.SearchName).HasMaxLength(200);
        builder.Property(c => c.TaxId).HasMaxLength(11);
        builder.Property(c => c.Notes).HasMaxLength(4000);
        builder.Property(c => c.Language).HasMaxLength(5).HasDefaultValue("es");
        builder.HasIndex(c => c.TaxId).IsUnique();
        builder.HasIndex(c => c.Name);
        builder.HasIndex(c => c.SearchName);
        builder.HasMany(c => c.Agreements).WithOne().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Contacts).WithOne().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(c => c.Addresses, a =>
        {
            a.ToTable("CustomerAddresses");
            OwnedKeys.Key(a, "CustomerId");
            a.Property(x => x.Label).HasMaxLength(60);
            a.Property(x => x.Street).HasMaxLength(200);
            a.Property(x => x.City).HasMaxLength(100);
            a.Property(x => x.Province).HasMaxLength(100);
            a.Property(x => x.PostalCode).HasMaxLength(20);
        });
        builder.OwnsMany(c => c.Phones, p =>
        {
            p.ToTable("CustomerPhones");
            OwnedKeys.Key(p, "CustomerId");
            p.Property(x => x.Number).HasMaxLength(20);
            p.Property(x => x.Label).HasMaxLength(60);
            p.HasIndex(x => x.Number);
        });
        builder.OwnsMany(c => c.EmailDomains, d =>
        {
            d.ToTable("CustomerEmailDomains");
            OwnedKeys.Key(d, "CustomerId");
            d.Property(x => x.Domain).HasMaxLength(200);
            // A domain names one customer, so a sender from it is identified without doubt.
            d.HasIndex(x => x.Domain).IsUnique();
        });
        builder.OwnsMany(c => c.Products, p =>
        {
            p.ToTable("InstalledProducts");
            OwnedKeys.Key(p, "CustomerId");
            p.Property(x => x.Product).HasMaxLength(120);
            p.Property(x => x.Version).HasMaxLength(40);
        });
    }
}

internal static class OwnedKeys
{
    /// <summary>A single-column identity key: SQLite cannot generate values for EF's default composite key of owned collections.</summary>
    public static void Key<TOwner, TOwned>(OwnedNavigationBuilder<TOwner, TOwned> owned, string ownerKey)
        where TOwner : class where TOwned : class
    {
        owned.WithOwner().HasForeignKey(ownerKey);
        owned.Property<int>("Id");
        owned.HasKey("Id");
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.SearchName).HasMaxLength(200);
        builder.Property(c => c.Position).HasMaxLength(120);
        builder.HasIndex(c => c.SearchName);
        builder.OwnsMany(c => c.Emails, e =>
        {
            e.ToTable("ContactEmails");
            OwnedKeys.Key(e, "ContactId");
            e.Property(x => x.Address).HasMaxLength(254);
            e.HasIndex(x => x.Address);
        });
        builder.OwnsMany(c => c.Phones, p =>
        {
            p.ToTable("ContactPhones");
            OwnedKeys.Key(p, "ContactId");
            p.Property(x => x.Number).HasMaxLength(20);
            p.Property(x => x.Label).HasMaxLength(60);
            p.HasIndex(x => x.Number);
        });
    }
}

internal sealed class SupportAgreementConfiguration : IEntityTypeConfiguration<SupportAgreement>
{
    public void Configure(EntityTypeBuilder<SupportAgreement> builder)
    {
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(a => new { a.CustomerId, a.EndsOn });
        builder.HasIndex(a => new { a.Status, a.EndsOn });
    }
}
