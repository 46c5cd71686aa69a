namespace Ayuda.Features.Tickets;

public enum TicketState
{
    /// <summary>The sender could not be identified; Administration identifies the customer.</summary>
    Triage,
    /// <summary>The customer has no agreement in force: the Project Manager's commercial case, no assistance.</summary>
    Regularisation,
    Pending,
    InProgress,
    InConsultation,
    WaitingOnRnD,
    WaitingOnCustomer,
    Resolved,
    Closed,
}

/// <summary>The legal moves between states; <see cref="Ticket"/> refuses every other.</summary>
public static class TicketStates
{
    private static readonly Dictionary<TicketState, TicketState[]> Moves = new()
    {
        [TicketState.Triage] = [TicketState.Pending, TicketState.Regularisation, TicketState.Closed],
        [TicketState.Regularisation] = [TicketState.Pending, TicketState.Closed],
        [TicketState.Pending] = [TicketState.InProgress, TicketState.Closed],
        [TicketState.InProgress] = [TicketState.Pending, TicketState.InConsultation, TicketState.WaitingOnRnD, TicketState.WaitingOnCustomer, TicketState.Resolved],
        [TicketState.InConsultation] = [TicketState.InProgress, TicketState.WaitingOnCustomer, TicketState.Resolved],
        [TicketState.WaitingOnRnD] = [TicketState.InProgress, TicketState.WaitingOnCustomer, TicketState.Resolved],
        [TicketState.WaitingOnCustomer] = [TicketState.InProgress, TicketState.WaitingOnRnD, TicketState.Resolved],
        [TicketState.Resolved] = [TicketState.Closed, TicketState.InProgress],
        [TicketState.Closed] = [TicketState.InProgress],
    };

    public static bool CanMove(TicketState from, TicketState to) => Moves[from].Contains(to);

    public static IReadOnlyList<TicketState> NextFrom(TicketState from) => Moves[from];

    /// <summary>States in which Implementation works the ticket (classification, notes, assignment).</summary>
    public static bool IsWithImplementation(TicketState state) =>
        state is TicketState.Pending or TicketState.InProgress or TicketState.InConsultation
            or TicketState.WaitingOnRnD or TicketState.WaitingOnCustomer or TicketState.Resolved;

    public static bool IsOpen(TicketState state) => state != TicketState.Closed;
}

public enum Channel
{
    Phone,
    Email,
    WhatsApp,
    Other,
}

public enum Classification
{
    UsageQuery,
    Error,
    NewRequirement,
    Suggestion,
    Complaint,
}

public enum TicketPriority
{
    Low,
    Normal,
    High,
    Urgent,
}
