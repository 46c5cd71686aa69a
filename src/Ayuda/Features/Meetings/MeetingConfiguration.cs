using Ayuda.Features.Customers;
using Ayuda.Features.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Meetings;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.ToTable("Meetings");
        builder.Property(m => m.TicketNumber).HasMaxLength(20);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(12);
        builder.Property(m => m.State).HasConversion<string>().HasMaxLength(12);
        builder.Property(m => m.Title).HasMaxLength(Meeting.MaxTitleLength);
        builder.Property(m => m.VideoLink).HasMaxLength(Meeting.MaxPlaceLength);
        builder.Property(m => m.Location).HasMaxLength(Meeting.MaxPlaceLength);
        builder.Property(m => m.Agenda).HasMaxLength(Meeting.MaxAgendaLength);
        builder.Property(m => m.CancelReason).HasMaxLength(Meeting.MaxAgendaLength);
        builder.Property(m => m.Uid).HasMaxLength(200);
        builder.HasIndex(m => m.Uid).IsUnique();
        builder.Property(m => m.OrganizerId).HasMaxLength(450);
        builder.Property(m => m.OrganizerName).HasMaxLength(200);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Ignore(m => m.IsCancelled);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(m => m.Attendees, a =>
        {
            a.ToTable("MeetingAttendees");
            OwnedKeys.Key(a, "MeetingId");
            a.Property(x => x.Kind).HasConversion<string>().HasMaxLength(10);
            a.Property(x => x.StaffId).HasMaxLength(450);
            a.Property(x => x.Name).HasMaxLength(200);
            a.Property(x => x.Email).HasMaxLength(254);
            a.Property(x => x.Response).HasConversion<string>().HasMaxLength(12);
            a.HasIndex(x => x.StaffId);
        });
        // The calendar and the list read a range of starts; the ticket panel reads its own.
        builder.HasIndex(m => new { m.Start, m.Id });
        builder.HasIndex(m => new { m.TicketId, m.Start });
    }
}
