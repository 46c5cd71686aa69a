using Ayuda.Infrastructure;

namespace Ayuda.Features.Notifications;

/// <summary>Wakes this host's outbox dispatcher as soon as something is written to the outbox.</summary>
public sealed class OutboxSignal : WakeSignal;
