using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;

namespace Ayuda.Features.Requirements;

/// <summary>
/// A new requirement gathered with the customer (relevamiento, usually in a meeting) and handed to the Project Manager,
/// who reviews it and records what was decided. The notes and files stay as they were handed over.
/// </summary>
public sealed class Requirement
{
    public const int MaxNotesLength = 20_000;
    public const int MaxCommentLength = 4_000;
    public const int MaxFiles = 20;

    public long Id { get; private set; }
    public long TicketId { get; private set; }
    public Ticket? Ticket { get; private set; }
    public int CustomerId { get; private set; }

    /// <summary>The meeting where it was gathered, when there was one.</summary>
    public long? MeetingId { get; private set; }
    public string Notes { get; private set; } = "";
    public string? GatheredById { get; private set; }
    public string GatheredByName { get; private set; } = "";
    public DateTimeOffset GatheredAt { get; private set; }
    public RequirementState State { get; private set; }

    /// <summary>The Project Manager's word: what was decided (a quote, a plan, a decline).</summary>
    public string? Comment { get; private set; }
    public string? ReviewedByName { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public List<RequirementFile> Files { get; private set; } = [];
    public int Version { get; private set; }

    private Requirement() { }

    public Requirement(Ticket ticket, long? meetingId, string notes, Actor actor, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(notes))
        {
            throw DomainException.Invalid("Requirements.NotesRequired");
        }
        if (notes.Length > MaxNotesLength)
        {
            throw DomainException.Invalid("Requirements.NotesTooLong", MaxNotesLength);
        }
        Ticket = ticket;
        CustomerId = ticket.CustomerId ?? throw DomainException.Conflict("Requirements.NeedsCustomer", ticket.Number);
        MeetingId = meetingId;
        Notes = notes.Trim();
        GatheredById = actor.Id;
        GatheredByName = actor.Name;
        GatheredAt = now;
        State = RequirementState.New;
    }

    public void AddFile(string fileName, string contentType, byte[] bytes, Actor actor, DateTimeOffset now)
    {
        if (Files.Count >= MaxFiles)
        {
            throw DomainException.Invalid("Requirements.TooManyFiles", MaxFiles);
        }
        Files.Add(new RequirementFile(fileName, contentType, bytes, actor, now));
        Version++;
    }

    /// <summary>The Project Manager takes it up (In review) or records the decision (Closed, which needs the comment).</summary>
    public void Review(RequirementState to, string? comment, Actor actor, DateTimeOffset now)
    {
        if (State == RequirementState.Closed)
        {
            throw DomainException.Conflict("Requirements.AlreadyClosed");
        }
        if (to == RequirementState.New || (to == RequirementState.InReview && State == RequirementState.InReview))
        {
            throw DomainException.Conflict("Requirements.IllegalMove", State, to);
        }
        if (to == RequirementState.Closed && string.IsNullOrWhiteSpace(comment))
        {
            throw DomainException.Invalid("Requirements.DecisionRequired");
        }
        if (comment?.Length > MaxCommentLength)
        {
            throw DomainException.Invalid("Requirements.CommentTooLong", MaxCommentLength);
        }
        State = to;
        Comment = string.IsNullOrWhiteSpace(comment) ? Comment : comment.Trim();
        ReviewedByName = actor.Name;
        ReviewedAt = now;
        Version++;
    }
}

public enum RequirementState
{
    New,
    InReview,
    Closed,
}

public sealed class RequirementFile
{
    public const long MaxBytes = 25L * 1024 * 1024;

    public long Id { get; private set; }
    public long RequirementId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "application/octet-stream";
    public long Size { get; private set; }
    public byte[] Bytes { get; private set; } = [];
    public DateTimeOffset AddedAt { get; private set; }
    public string AddedByName { get; private set; } = "";

    private RequirementFile() { }

    internal RequirementFile(string fileName, string contentType, byte[] bytes, Actor actor, DateTimeOffset now)
    {
        FileName = fileName;
        ContentType = contentType;
        Bytes = bytes;
        Size = bytes.LongLength;
        AddedAt = now;
        AddedByName = actor.Name;
    }
}
