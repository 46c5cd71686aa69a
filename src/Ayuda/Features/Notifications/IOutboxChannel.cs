namespace Ayuda.Features.Notifications;

/// <summary>One way out of the outbox (SMTP, WhatsApp). The dispatcher hands each row to its channel and records what came of it.</summary>
public interface IOutboxChannel
{
    Tickets.Channel Channel { get; }

    /// <summary>False while the channel has no server or number configured: its rows wait in the outbox.</summary>
    bool IsConfigured { get; }

    /// <summary>Sends the row; returns the provider's id for it when there is one.</summary>
    Task<string?> SendAsync(OutboxMessage outbox, CancellationToken cancellationToken);

    /// <summary>What a failure means: retry later or give up, and the reason in words for the ticket.</summary>
    SendFailure Classify(Exception error);

    /// <summary>The sending worked: a problem the channel was reporting (a revoked token) is over.</summary>
    Task SucceededAsync(OutboxMessage outbox, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// A failed send: permanent ones are not retried; waiting ones (the channel itself is broken, e.g. a revoked token)
/// are tried again later without using up the message's attempts.
/// </summary>
public sealed record SendFailure(bool Permanent, string Reason, bool Waiting = false);
