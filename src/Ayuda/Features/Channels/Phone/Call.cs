using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Channels.Phone;

/// <summary>
/// One phone call in the call log: reported by the switchboard (ringing, answered, hang-up events) or recorded when
/// Administration registers a call on the intake form. <see cref="Number"/> is always the customer's side.
/// </summary>
public sealed class Call
{
    public const int MaxNumberLength = 40;

    public long Id { get; private set; }

    /// <summary>The switchboard's call id; unique when present, so repeated events land on the same call.</summary>
    public string? ExternalId { get; private set; }
    public CallDirection Direction { get; private set; }

    /// <summary>The customer's number: E.164 when it could be read as a phone number, else as the switchboard gave it.</summary>
    public string Number { get; private set; } = "";

    /// <summary>The desk's line that rang (inbound) or called out (outbound).</summary>
    public string DeskLine { get; private set; } = "";
    public int? CustomerId { get; private set; }
    public int? ContactId { get; private set; }
    public CallState State { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Talk time in seconds, from answer to hang-up; null for a missed call or one still going on.</summary>
    public int? DurationSeconds { get; private set; }
    public string? TakenById { get; private set; }
    public string? TakenByName { get; private set; }
    public long? TicketId { get; private set; }
    public Ticket? Ticket { get; private set; }

    private Call() { }

    public Call(string? externalId, CallDirection direction, string number, string deskLine, DateTimeOffset startedAt)
    {
        ExternalId = externalId;
        Direction = direction;
        Number = Clip(number);
        DeskLine = Clip(deskLine);
        StartedAt = startedAt;
        State = CallState.Ringing;
    }

    public void Identify(int? customerId, int? contactId)
    {
        CustomerId = customerId;
        ContactId = contactId;
    }

    /// <summary>
    /// Someone picked up. A repeated answer changes nothing; an answer reported after the hang-up (events can arrive out
    /// of order) still counts when it happened before the call ended.
    /// </summary>
    public bool Answer(DateTimeOffset at, Actor? by)
    {
        if (AnsweredAt is not null || (EndedAt is { } ended && at > ended))
        {
            return false;
        }
        AnsweredAt = at < StartedAt ? StartedAt : at;
        State = EndedAt is null ? CallState.Answered : CallState.Ended;
        DurationSeconds = EndedAt is { } end ? (int)Math.Round((end - AnsweredAt.Value).TotalSeconds) : null;
        if (by is not null)
        {
            TakenById = by.Id;
            TakenByName = by.Name;
        }
        return true;
    }

    /// <summary>The call ended: talked if it was answered, missed if it never was. Repeated hang-ups change nothing.</summary>
    public bool HangUp(DateTimeOffset at)
    {
        if (EndedAt is not null)
        {
            return false;
        }
        EndedAt = at < StartedAt ? StartedAt : at;
        State = AnsweredAt is null ? CallState.Missed : CallState.Ended;
        DurationSeconds = AnsweredAt is { } answered ? (int)Math.Round((EndedAt.Value - answered).TotalSeconds) : null;
        return true;
    }

    /// <summary>
    /// The ticket registered for this call. A call has at most one ticket. Registering a call still ringing means the
    /// person registering it picked up (not every switchboard reports the answer).
    /// </summary>
    public void Register(Ticket ticket, Actor by, DateTimeOffset now)
    {
        if (TicketId is not null || Ticket is not null)
        {
            throw DomainException.Conflict("Calls.AlreadyRegistered", Ticket?.Number ?? TicketId.ToString()!);
        }
        if (State == CallState.Ringing)
        {
            Answer(now, by);
        }
        Ticket = ticket;
        TakenById ??= by.Id;
        TakenByName ??= by.Name;
        CustomerId ??= ticket.CustomerId;
        ContactId ??= ticket.ContactId;
    }

    /// <summary>A call registered on the intake form without a switchboard event: taken by whoever registers it (see <see cref="Register"/>).</summary>
    public static Call Registered(string number, DateTimeOffset at, Actor by)
    {
        return new Call(null, CallDirection.Inbound, number, "", at);
    }

    private static string Clip(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length > MaxNumberLength ? trimmed[..MaxNumberLength] : trimmed;
    }
}

public enum CallDirection
{
    Inbound,
    Outbound,
}

public enum CallState
{
    Ringing,
    Answered,
    Ended,
    Missed,
}

internal sealed class CallConfiguration : IEntityTypeConfiguration<Call>
{
    public void Configure(EntityTypeBuilder<Call> builder)
    {
        builder.ToTable("Calls");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ExternalId).HasMaxLength(100);
        builder.HasIndex(c => c.ExternalId).IsUnique();
        builder.Property(c => c.Number).HasMaxLength(Call.MaxNumberLength);
        builder.Property(c => c.DeskLine).HasMaxLength(Call.MaxNumberLength);
        builder.Property(c => c.TakenById).HasMaxLength(450);
        builder.Property(c => c.TakenByName).HasMaxLength(200);
        builder.Property(c => c.Direction).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(c => c.Ticket).WithMany().HasForeignKey(c => c.TicketId).OnDelete(DeleteBehavior.Restrict);
        // Two people registering the same ringing call: the second save finds the call already taken.
        builder.Property(c => c.TicketId).IsConcurrencyToken();
        // The log is read newest first, whole or only the missed calls.
        builder.HasIndex(c => c.StartedAt);
        builder.HasIndex(c => new { c.State, c.StartedAt });
        builder.HasIndex(c => c.Number);
    }
}
