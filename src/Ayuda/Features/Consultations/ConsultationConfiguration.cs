using Ayuda.Features.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Consultations;

internal sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> builder)
    {
        builder.ToTable("Consultations");
        builder.Property(c => c.Question).HasMaxLength(Consultation.MaxQuestionLength);
        builder.Property(c => c.AskedById).HasMaxLength(450);
        builder.Property(c => c.AskedByName).HasMaxLength(200);
        builder.Property(c => c.ClosedByName).HasMaxLength(200);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(12);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.IsOpen);
        builder.HasOne(c => c.Ticket).WithMany().HasForeignKey(c => c.TicketId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.TicketId, c.Id });
        builder.OwnsMany(c => c.Asked, ask =>
        {
            ask.ToTable("ConsultationAsks");
            ask.WithOwner().HasForeignKey("ConsultationId");
            ask.Property<long>("Id");
            ask.HasKey("Id");
            ask.Property(a => a.UserId).HasMaxLength(450);
            ask.Property(a => a.Name).HasMaxLength(200);
            // "Consultations waiting for me": by person, unanswered.
            ask.HasIndex(a => new { a.UserId, a.AnsweredAt });
        });
        builder.OwnsMany(c => c.Answers, answer =>
        {
            answer.ToTable("ConsultationAnswers");
            answer.WithOwner().HasForeignKey("ConsultationId");
            answer.Property<long>("Id");
            answer.HasKey("Id");
            answer.Property(a => a.UserId).HasMaxLength(450);
            answer.Property(a => a.Name).HasMaxLength(200);
            answer.Property(a => a.Text).HasMaxLength(Ticket.MaxNoteLength);
        });
        builder.Navigation(c => c.Asked).AutoInclude();
        builder.Navigation(c => c.Answers).AutoInclude();
    }
}
