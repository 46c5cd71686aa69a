using Ayuda.Infrastructure;

namespace Ayuda.Features.Meetings;

/// <summary>
/// A video call or an on-site visit to gather a new requirement, held for a ticket and sent to its attendees as a
/// calendar invitation. The iCalendar UID never changes; every change the attendees must hear about raises the
/// SEQUENCE, so their calendars replace the old copy instead of adding a second one.
/// </summary>
public sealed class Meeting
{
    public const int MinDuration = 15;
    public const int MaxDuration = 480;
    public const int MaxTitleLength = 200;
    public const int MaxPlaceLength = 500;
    public const int MaxAgendaLength = 4_000;
    public const int MaxAttendees = 50;

    public long Id { get; private set; }
    public long TicketId { get; private set; }
    public string TicketNumber { get; private set; } = "";
    public int? CustomerId { get; private set; }
    public MeetingKind Kind { get; private set; }
    public string Title { get; private set; } = "";

    /// <summary>The instant it starts (UTC); shown in the desk's time zone.</summary>
    public DateTimeOffset Start { get; private set; }

    /// <summary>The instant it ends: kept beside the duration so a range query needs no arithmetic in SQL.</summary>
    public DateTimeOffset End { get; private set; }
    public int DurationMinutes { get; private set; }

    /// <summary>For a video call: where to join.</summary>
    public string? VideoLink { get; private set; }

    /// <summary>For a visit: the customer's address where it is held.</summary>
    public string? Location { get; private set; }
    public string Agenda { get; private set; } = "";
    public MeetingState State { get; private set; }
    public string? CancelReason { get; private set; }
    public string Uid { get; private set; } = "";
    public int Sequence { get; private set; }
    public string? OrganizerId { get; private set; }
    public string OrganizerName { get; private set; } = "";
    public List<MeetingAttendee> Attendees { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Every change bumps it: a change made from an older read is refused.</summary>
    public int Version { get; private set; }

    private Meeting() { }

    public Meeting(long ticketId, string ticketNumber, int? customerId, string uid, MeetingPlan plan, Actor organizer, DateTimeOffset now)
    {
        TicketId = ticketId;
        TicketNumber = ticketNumber;
        CustomerId = customerId;
        Kind = plan.Kind;
        Uid = uid;
        OrganizerId = organizer.Id;
        OrganizerName = organizer.Name;
        State = MeetingState.Scheduled;
        CreatedAt = now;
        Apply(plan, now);
    }

    public bool IsCancelled => State == MeetingState.Cancelled;

    /// <summary>New time, place or attendees: the same event, one SEQUENCE later. A cancelled meeting stays cancelled.</summary>
    public void Reschedule(MeetingPlan plan, DateTimeOffset now)
    {
        GuardOpen();
        if (plan.Kind != Kind)
        {
            throw DomainException.Invalid("Meetings.KindFixed");
        }
        Apply(plan, now);
        Sequence++;
    }

    public void Cancel(string reason, DateTimeOffset now)
    {
        GuardOpen();
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw DomainException.Invalid("Meetings.ReasonRequired");
        }
        if (reason.Trim().Length > MaxAgendaLength)
        {
            throw DomainException.Invalid("Meetings.TooLong", MaxAgendaLength);
        }
        State = MeetingState.Cancelled;
        CancelReason = reason.Trim();
        Sequence++;
        Touch(now);
    }

    /// <summary>
    /// An attendee answered the invitation (from their calendar). Answers to an older SEQUENCE no longer count (the
    /// meeting changed since); an address not invited is ignored. Returns the attendee who answered, or null.
    /// </summary>
    public MeetingAttendee? RecordReply(string email, AttendeeResponse response, int sequence, DateTimeOffset now)
    {
        if (sequence < Sequence)
        {
            return null;
        }
        var attendee = Attendees.FirstOrDefault(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase));
        if (attendee is null)
        {
            return null;
        }
        attendee.Respond(response, now);
        Version++;
        return attendee;
    }

    /// <summary>Whether <paramref name="expected"/> (what the person read) is still the meeting's version.</summary>
    public void GuardVersion(int? expected)
    {
        if (expected is { } version && version != Version)
        {
            throw DomainException.Conflict("Meetings.ChangedMeanwhile", Title);
        }
    }

    private void GuardOpen()
    {
        if (IsCancelled)
        {
            throw DomainException.Conflict("Meetings.AlreadyCancelled", Title);
        }
    }

    private void Apply(MeetingPlan plan, DateTimeOffset now)
    {
        // A new start must be ahead; a meeting under way may keep its start while its link or people change.
        if (plan.Start <= now && plan.Start.ToUniversalTime() != Start)
        {
            throw DomainException.Invalid("Meetings.StartInPast");
        }
        if (plan.DurationMinutes is < MinDuration or > MaxDuration)
        {
            throw DomainException.Invalid("Meetings.DurationRange", MinDuration, MaxDuration);
        }
        if (string.IsNullOrWhiteSpace(plan.Title) || plan.Title.Trim().Length > MaxTitleLength)
        {
            throw DomainException.Invalid("Meetings.TitleRequired", MaxTitleLength);
        }
        if (plan.Kind == MeetingKind.VideoCall && string.IsNullOrWhiteSpace(plan.VideoLink))
        {
            throw DomainException.Invalid("Meetings.LinkRequired");
        }
        if (plan.Kind == MeetingKind.Visit && string.IsNullOrWhiteSpace(plan.Location))
        {
            throw DomainException.Invalid("Meetings.LocationRequired");
        }
        var attendees = plan.Attendees.Where(a => !string.IsNullOrWhiteSpace(a.Email)).DistinctBy(a => a.Email.Trim().ToLowerInvariant()).ToList();
        if (attendees.Count == 0)
        {
            throw DomainException.Invalid("Meetings.AttendeeRequired");
        }
        if (attendees.Count > MaxAttendees)
        {
            throw DomainException.Invalid("Meetings.TooManyAttendees", MaxAttendees);
        }
        Title = plan.Title.Trim();
        Start = plan.Start.ToUniversalTime();
        DurationMinutes = plan.DurationMinutes;
        End = Start.AddMinutes(DurationMinutes);
        VideoLink = Kind == MeetingKind.VideoCall ? plan.VideoLink!.Trim() : null;
        Location = Kind == MeetingKind.Visit ? plan.Location!.Trim() : null;
        Agenda = plan.Agenda?.Trim() ?? "";
        Attendees.Clear();
        Attendees.AddRange(attendees.Select(a => new MeetingAttendee(a.Kind, a.ContactId, a.StaffId, a.Name, a.Email)));
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}

/// <summary>What a meeting is to be: kind, time, place and people (the same for scheduling and rescheduling).</summary>
public sealed record MeetingPlan(
    MeetingKind Kind,
    string Title,
    DateTimeOffset Start,
    int DurationMinutes,
    string? VideoLink,
    string? Location,
    string? Agenda,
    IReadOnlyList<AttendeeDraft> Attendees);

/// <summary>One person to invite, already resolved to a name and an address.</summary>
public sealed record AttendeeDraft(AttendeeKind Kind, int? ContactId, string? StaffId, string Name, string Email);

/// <summary>Someone invited: a customer's contact, a staff member, or an address typed by hand.</summary>
public sealed class MeetingAttendee
{
    public AttendeeKind Kind { get; private set; }
    public int? ContactId { get; private set; }
    public string? StaffId { get; private set; }
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";

    /// <summary>What they answered from their calendar; a new invitation (reschedule) asks again.</summary>
    public AttendeeResponse Response { get; private set; }
    public DateTimeOffset? RespondedAt { get; private set; }

    private MeetingAttendee() { }

    internal void Respond(AttendeeResponse response, DateTimeOffset at)
    {
        Response = response;
        RespondedAt = at;
    }

    internal MeetingAttendee(AttendeeKind kind, int? contactId, string? staffId, string name, string email)
    {
        Kind = kind;
        ContactId = contactId;
        StaffId = staffId;
        Name = name.Trim();
        Email = email.Trim().ToLowerInvariant();
    }
}

public enum MeetingKind
{
    VideoCall,
    Visit,
}

public enum MeetingState
{
    Scheduled,
    Cancelled,
}

/// <summary>An attendee's answer (iCalendar PARTSTAT).</summary>
public enum AttendeeResponse
{
    NeedsAction,
    Accepted,
    Declined,
    Tentative,
}

public enum AttendeeKind
{
    Contact,
    Staff,
    Email,
}
