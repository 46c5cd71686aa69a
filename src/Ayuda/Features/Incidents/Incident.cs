using Ayuda.Infrastructure;

namespace Ayuda.Features.Incidents;

/// <summary>
/// A quality incident (the IT INC work instruction): an error in the product, followed with R&amp;D until it is fixed,
/// delivered and verified. One incident serves every customer who hit it (many tickets). A quality record: never
/// deleted; every change is in its history.
/// </summary>
public sealed class Incident
{
    public const int MaxTitleLength = 200;
    public const int MaxShortLength = 100;
    public const int MaxTextLength = 20_000;
    public const int MaxCommentLength = 4_000;

    public long Id { get; private set; }

    /// <summary><c>INC-YYYY-NNNN</c>: year of registration and a per-year sequence.</summary>
    public string Number { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Product { get; private set; } = "";
    public string Module { get; private set; } = "";

    /// <summary>The versions known to have the error, as written ("5.2, 5.3.1").</summary>
    public string AffectedVersions { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string StepsToReproduce { get; private set; } = "";
    public string ExpectedBehaviour { get; private set; } = "";
    public string ActualBehaviour { get; private set; } = "";
    public IncidentSeverity Severity { get; private set; }
    public DateOnly DetectedOn { get; private set; }
    public string? ReporterId { get; private set; }
    public string ReporterName { get; private set; } = "";

    /// <summary>Who follows it in R&amp;D (the R&amp;D manager by default).</summary>
    public string? OwnerId { get; private set; }
    public string? OwnerName { get; private set; }

    /// <summary>The version that carries the fix; required from Fixed on.</summary>
    public string? FixVersion { get; private set; }
    public IncidentState State { get; private set; }
    public long? DuplicateOfId { get; private set; }
    public string? DuplicateOfNumber { get; private set; }

    /// <summary>Why it was rejected or is a duplicate.</summary>
    public string? Reason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When it last changed state: the register's "age in this state".</summary>
    public DateTimeOffset StateSince { get; private set; }
    public int Version { get; private set; }
    public List<IncidentEvent> History { get; private set; } = [];
    public List<IncidentEvidence> Evidence { get; private set; } = [];

    private Incident() { }

    public Incident(string number, IncidentDraft draft, (string Id, string Name)? owner, Actor reporter, DateTimeOffset now)
    {
        Number = number;
        Title = draft.Title.Trim();
        Product = draft.Product.Trim();
        Module = draft.Module.Trim();
        AffectedVersions = draft.AffectedVersions.Trim();
        Description = draft.Description.Trim();
        StepsToReproduce = draft.StepsToReproduce.Trim();
        ExpectedBehaviour = draft.ExpectedBehaviour.Trim();
        ActualBehaviour = draft.ActualBehaviour.Trim();
        Severity = draft.Severity;
        DetectedOn = draft.DetectedOn;
        ReporterId = reporter.Id;
        ReporterName = reporter.Name;
        OwnerId = owner?.Id;
        OwnerName = owner?.Name;
        State = IncidentState.Registered;
        CreatedAt = UpdatedAt = StateSince = now;
        History.Add(new IncidentEvent(now, reporter, IncidentEventKind.Registered, to: Code(State), text: Title));
    }

    public static string FormatNumber(int year, long sequence) => $"INC-{year:D4}-{sequence:D4}";

    /// <summary>
    /// A move in the incident's life, with the comment that explains it. Fixed needs the fix version; Rejected and
    /// Duplicate need a reason, and Duplicate the incident it repeats. Illegal moves are refused.
    /// </summary>
    public void MoveTo(IncidentState to, string comment, string? fixVersion, Incident? duplicateOf, Actor actor, DateTimeOffset now)
    {
        if (!IncidentStates.CanMove(State, to))
        {
            throw DomainException.Conflict("Incidents.IllegalMove", Number, State, to);
        }
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw DomainException.Invalid("Incidents.CommentRequired");
        }
        if (comment.Length > MaxCommentLength)
        {
            throw DomainException.Invalid("Incidents.CommentTooLong", MaxCommentLength);
        }
        if (!string.IsNullOrWhiteSpace(fixVersion))
        {
            FixVersion = fixVersion.Trim().Length <= MaxShortLength ? fixVersion.Trim() : throw DomainException.Invalid("Incidents.FixVersionTooLong", MaxShortLength);
        }
        if (to == IncidentState.Fixed && string.IsNullOrWhiteSpace(FixVersion))
        {
            throw DomainException.Invalid("Incidents.FixVersionRequired");
        }
        if (to == IncidentState.Duplicate)
        {
            if (duplicateOf is null || duplicateOf.Id == Id)
            {
                throw DomainException.Invalid("Incidents.DuplicateOfRequired");
            }
            DuplicateOfId = duplicateOf.Id;
            DuplicateOfNumber = duplicateOf.Number;
        }
        if (to is IncidentState.Rejected or IncidentState.Duplicate)
        {
            Reason = comment.Trim();
        }
        var from = State;
        State = to;
        StateSince = now;
        Touch(now);
        History.Add(new IncidentEvent(now, actor, IncidentEventKind.Moved, from: Code(from), to: Code(to), text: comment.Trim()));
    }

    /// <summary>A customer's ticket was linked: one more customer affected.</summary>
    public void RecordTicketLinked(string ticketNumber, Actor actor, DateTimeOffset now)
    {
        Touch(now);
        History.Add(new IncidentEvent(now, actor, IncidentEventKind.TicketLinked, to: ticketNumber));
    }

    public IncidentEvidence AddEvidence(string fileName, string contentType, byte[] bytes, Actor actor, DateTimeOffset now)
    {
        var evidence = new IncidentEvidence(fileName, contentType, bytes, actor, now);
        Evidence.Add(evidence);
        Touch(now);
        History.Add(new IncidentEvent(now, actor, IncidentEventKind.EvidenceAdded, to: fileName));
        return evidence;
    }

    public bool IsOpen => IncidentStates.IsOpen(State);

    /// <summary>Every change bumps <see cref="Version"/>: a second change saved from an older read is refused.</summary>
    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }

    public static string Code(Enum value) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}

/// <summary>What is typed to register an incident.</summary>
public sealed record IncidentDraft(
    string Title,
    string Product,
    string Module,
    string AffectedVersions,
    string Description,
    string StepsToReproduce,
    string ExpectedBehaviour,
    string ActualBehaviour,
    IncidentSeverity Severity,
    DateOnly DetectedOn);

public enum IncidentSeverity
{
    Critical,
    High,
    Medium,
    Low,
}

public enum IncidentState
{
    Registered,
    InAnalysis,
    InCorrection,
    Fixed,
    Delivered,
    Verified,
    Closed,
    Rejected,
    Duplicate,
}

/// <summary>The legal moves: forward through analysis, correction, delivery and verification; back to correction when a fix does not hold.</summary>
public static class IncidentStates
{
    private static readonly Dictionary<IncidentState, IncidentState[]> Moves = new()
    {
        [IncidentState.Registered] = [IncidentState.InAnalysis, IncidentState.Rejected, IncidentState.Duplicate],
        [IncidentState.InAnalysis] = [IncidentState.InCorrection, IncidentState.Rejected, IncidentState.Duplicate],
        [IncidentState.InCorrection] = [IncidentState.Fixed, IncidentState.InAnalysis, IncidentState.Duplicate],
        [IncidentState.Fixed] = [IncidentState.Delivered, IncidentState.InCorrection],
        [IncidentState.Delivered] = [IncidentState.Verified, IncidentState.InCorrection],
        [IncidentState.Verified] = [IncidentState.Closed, IncidentState.InCorrection],
        [IncidentState.Closed] = [],
        [IncidentState.Rejected] = [],
        [IncidentState.Duplicate] = [],
    };

    public static bool CanMove(IncidentState from, IncidentState to) => Moves[from].Contains(to);

    public static IReadOnlyList<IncidentState> NextFrom(IncidentState from) => Moves[from];

    public static bool IsOpen(IncidentState state) => state is not (IncidentState.Closed or IncidentState.Rejected or IncidentState.Duplicate);
}

/// <summary>One line of an incident's history; append-only.</summary>
public sealed class IncidentEvent
{
    public long Id { get; private set; }
    public long IncidentId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? ActorId { get; private set; }
    public string ActorName { get; private set; } = "";
    public IncidentEventKind Kind { get; private set; }
    public string? From { get; private set; }
    public string? To { get; private set; }
    public string? Text { get; private set; }

    private IncidentEvent() { }

    internal IncidentEvent(DateTimeOffset at, Actor actor, IncidentEventKind kind, string? from = null, string? to = null, string? text = null)
    {
        At = at;
        ActorId = actor.Id;
        ActorName = actor.Name;
        Kind = kind;
        From = from;
        To = to;
        Text = text;
    }
}

public enum IncidentEventKind
{
    Registered,
    Moved,
    TicketLinked,
    EvidenceAdded,
}

/// <summary>A file that shows the error (a screenshot, a log), served only as a download to staff.</summary>
public sealed class IncidentEvidence
{
    public const long MaxBytes = 25L * 1024 * 1024;

    public long Id { get; private set; }
    public long IncidentId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "application/octet-stream";
    public long Size { get; private set; }
    public byte[] Bytes { get; private set; } = [];
    public DateTimeOffset AddedAt { get; private set; }
    public string AddedByName { get; private set; } = "";

    private IncidentEvidence() { }

    internal IncidentEvidence(string fileName, string contentType, byte[] bytes, Actor actor, DateTimeOffset now)
    {
        FileName = fileName;
        ContentType = contentType;
        Bytes = bytes;
        Size = bytes.LongLength;
        AddedAt = now;
        AddedByName = actor.Name;
    }
}

public sealed class IncidentCounter
{
    public int Year { get; set; }
    public long Last { get; set; }
}
