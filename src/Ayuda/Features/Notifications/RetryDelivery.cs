using Ayuda.Data;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Notifications;

/// <summary>A person sends a failed message again (after fixing the address, or once the server is back).</summary>
public sealed class RetryDelivery(IDbContextFactory<AyudaDb> contexts, OutboxSignal signal, TimeProvider clock, IStringLocalizer<Strings> l)
{
    public async Task<Outcome<long>> ExecuteAsync(long outboxId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var outbox = await db.Outbox.FirstOrDefaultAsync(o => o.Id == outboxId, cancellationToken);
        if (outbox is null)
        {
            return Outcome<long>.Fail(l["Outbox.NotFound", outboxId], DomainErrorKind.NotFound);
        }
        if (outbox.State != OutboxState.Failed)
        {
            return Outcome<long>.Fail(l["Outbox.RetryOnlyFailed"]);
        }
        outbox.Retry(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return Outcome<long>.Ok(outbox.Id);
    }
}
