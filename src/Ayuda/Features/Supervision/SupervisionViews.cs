using Ayuda.Features.Tickets;

namespace Ayuda.Features.Supervision;

/// <summary>The whole desk at a glance, as <c>GET /api/v1/supervision/summary</c> and the dashboard show it.</summary>
public sealed record SupervisionSummary(
    DateTimeOffset At,
    int Open,
    IReadOnlyList<StateCount> ByState,
    IReadOnlyList<ClassificationCount> ByClassification,
    IReadOnlyList<ConsultantLoad> Load,
    IReadOnlyList<AgeBucket> Ageing,
    IReadOnlyList<TicketRow> OldestPending,
    int WaitingOnRnD,
    IReadOnlyList<WaitingTicket> WaitingOnRnDLongest,
    int Regularisation,
    IReadOnlyList<WeekCount> Weeks);

public sealed record StateCount(TicketState State, int Count);

/// <summary>Open tickets of a classification; <see cref="Classification"/> null counts the unclassified ones.</summary>
public sealed record ClassificationCount(Classification? Classification, int Count);

/// <summary>Open tickets assigned to a consultant (every active consultant and head shows, also with none).</summary>
public sealed record ConsultantLoad(StaffRef Consultant, int Open);

/// <summary>Open tickets contacted between <see cref="MinDays"/> (inclusive) and <see cref="MaxDays"/> (exclusive; null: no limit) days ago.</summary>
public sealed record AgeBucket(int MinDays, int? MaxDays, int Count);

/// <summary>A ticket waiting on R&amp;D and how long its customer has gone without news from us.</summary>
public sealed record WaitingTicket(string Number, string Subject, string? CustomerName, string? IncidentNumber, StaffRef? Assignee,
    DateTimeOffset LastHeard, int DaysWithoutNews);

/// <summary>A desk week (Monday to Sunday): tickets created and closed in it.</summary>
public sealed record WeekCount(DateOnly Monday, int Created, int Closed);
