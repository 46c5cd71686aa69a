using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Channels.Phone;

/// <summary>
/// A promise to call the customer back at a time, owned by one staff member. It stays open (and shows overdue once
/// its time passes) until its outcome is recorded; both steps are written on the ticket's timeline.
/// </summary>
public sealed class CallBack
{
    public const int MaxNoteLength = 1000;
    public const int MaxOutcomeLength = 4000;

    public long Id { get; private set; }
    public long TicketId { get; private set; }
    public Ticket? Ticket { get; private set; }
    public string OwnerId { get; private set; } = "";
    public string OwnerName { get; private set; } = "";
    public DateTimeOffset DueAt { get; private set; }

    /// <summary>The number to call (E.164 where it could be read).</summary>
    public string Number { get; private set; } = "";
    public string Note { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string? CreatedById { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset? DoneAt { get; private set; }
    public string? Outcome { get; private set; }
    public string? DoneById { get; private set; }
    public string? DoneByName { get; private set; }

    public bool IsOpen => DoneAt is null;

    private CallBack() { }

    public CallBack(Ticket ticket, string ownerId, string ownerName, DateTimeOffset dueAt, string number, string note, Actor by, DateTimeOffset now)
    {
        if (note.Length > MaxNoteLength)
        {
            throw DomainException.Invalid("CallBacks.NoteTooLong", MaxNoteLength);
        }
        Ticket = ticket;
        OwnerId = ownerId;
        OwnerName = ownerName;
        DueAt = dueAt;
        Number = number.Trim();
        Note = note.Trim();
        CreatedAt = now;
        CreatedById = by.Id;
        CreatedByName = by.Name;
        ticket.RecordCallBackScheduled(ownerName, dueAt, Note, by, now);
    }

    /// <summary>The call was made (or attempted): what came of it closes the call-back.</summary>
    public void Complete(string outcome, Actor by, DateTimeOffset now)
    {
        if (DoneAt is not null)
        {
            throw DomainException.Conflict("CallBacks.AlreadyDone", DoneByName ?? "");
        }
        if (string.IsNullOrWhiteSpace(outcome))
        {
            throw DomainException.Invalid("CallBacks.OutcomeRequired");
        }
        if (outcome.Length > MaxOutcomeLength)
        {
            throw DomainException.Invalid("CallBacks.OutcomeTooLong", MaxOutcomeLength);
        }
        DoneAt = now;
        Outcome = outcome.Trim();
        DoneById = by.Id;
        DoneByName = by.Name;
        Ticket!.RecordCallBackDone(Outcome, by, now);
    }
}

internal sealed class CallBackConfiguration : IEntityTypeConfiguration<CallBack>
{
    public void Configure(EntityTypeBuilder<CallBack> builder)
    {
        builder.ToTable("CallBacks");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.OwnerId).HasMaxLength(450);
        builder.Property(c => c.OwnerName).HasMaxLength(200);
        builder.Property(c => c.Number).HasMaxLength(Call.MaxNumberLength);
        builder.Property(c => c.Note).HasMaxLength(CallBack.MaxNoteLength);
        builder.Property(c => c.Outcome).HasMaxLength(CallBack.MaxOutcomeLength);
        builder.Property(c => c.CreatedById).HasMaxLength(450);
        builder.Property(c => c.CreatedByName).HasMaxLength(200);
        builder.Property(c => c.DoneById).HasMaxLength(450);
        builder.Property(c => c.DoneByName).HasMaxLength(200);
        builder.Ignore(c => c.IsOpen);
        builder.HasOne(c => c.Ticket).WithMany().HasForeignKey(c => c.TicketId).OnDelete(DeleteBehavior.Cascade);
        // "My call-backs": the open ones of an owner by due time; a ticket lists its own.
        builder.HasIndex(c => new { c.OwnerId, c.DoneAt, c.DueAt });
        builder.HasIndex(c => new { c.DoneAt, c.DueAt });
        builder.HasIndex(c => c.TicketId);
    }
}
