namespace Ayuda.Features.Consultations;

/// <summary>A consultation as the ticket page and <c>/api/v1/consultations</c> show it: who was asked, who answered.</summary>
public sealed record ConsultationView(
    long Id,
    string TicketNumber,
    string TicketSubject,
    string Question,
    string? AskedById,
    string AskedByName,
    DateTimeOffset AskedAt,
    ConsultationState State,
    DateTimeOffset? ClosedAt,
    string? ClosedByName,
    IReadOnlyList<ConsultationAskView> Asked,
    IReadOnlyList<ConsultationAnswerView> Answers);

public sealed record ConsultationAskView(string UserId, string Name, DateTimeOffset? AnsweredAt);

public sealed record ConsultationAnswerView(string? UserId, string Name, string Text, DateTimeOffset At);
