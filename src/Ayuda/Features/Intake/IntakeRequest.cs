using Ayuda.Features.Tickets;

namespace Ayuda.Features.Intake;

/// <summary>
/// A contact arriving through any channel. Name the customer (and contact) when known, or give <see cref="From"/>
/// (a phone number or email address) for Intake to match; when neither identifies anyone the ticket goes to Triage.
/// A phone contact is written in the call log: on <see cref="CallId"/> when the switchboard reported the call, else as a
/// new call taken by whoever registers it.
/// </summary>
public sealed record IntakeRequest(
    Channel? Channel,
    string? Subject,
    string? Description,
    int? CustomerId = null,
    int? ContactId = null,
    string? From = null,
    TicketPriority? Priority = null,
    DateTimeOffset? ContactedAt = null,
    long? CallId = null);
