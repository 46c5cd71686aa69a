using Ayuda.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Channels;

/// <summary>
/// A channel problem a person must fix (a revoked WhatsApp token, a customer who can only be written with a template):
/// shown to SystemAdmin until it clears. One open alert per channel, key and code; repeats count up.
/// </summary>
public sealed class ChannelAlert
{
    public long Id { get; private set; }
    public Tickets.Channel Channel { get; private set; }

    /// <summary>What it is about: a WhatsApp phone-number id, a mailbox name.</summary>
    public string Key { get; private set; } = "";
    public int Code { get; private set; }
    public string Message { get; private set; } = "";
    public DateTimeOffset RaisedAt { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }
    public int Count { get; private set; }
    public DateTimeOffset? ClearedAt { get; private set; }

    private ChannelAlert() { }

    public ChannelAlert(Tickets.Channel channel, string key, int code, string message, DateTimeOffset now)
    {
        Channel = channel;
        Key = key;
        Code = code;
        Message = Clip(message);
        RaisedAt = LastSeenAt = now;
        Count = 1;
    }

    public void SeenAgain(string message, DateTimeOffset now)
    {
        Message = Clip(message);
        LastSeenAt = now;
        Count++;
    }

    public void Clear(DateTimeOffset now) => ClearedAt ??= now;

    private static string Clip(string value) => value.Length > 1000 ? value[..1000] : value;
}

internal sealed class ChannelAlertConfiguration : IEntityTypeConfiguration<ChannelAlert>
{
    public void Configure(EntityTypeBuilder<ChannelAlert> builder)
    {
        builder.ToTable("ChannelAlerts");
        builder.Property(a => a.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Key).HasMaxLength(200);
        builder.Property(a => a.Message).HasMaxLength(1000);
        builder.HasIndex(a => new { a.ClearedAt, a.Channel, a.Key, a.Code });
    }
}

/// <summary>Raises, clears and lists channel alerts.</summary>
public sealed class ChannelAlerts(IDbContextFactory<AyudaDb> contexts, TimeProvider clock, ILogger<ChannelAlerts> logger)
{
    public async Task RaiseAsync(Tickets.Channel channel, string key, int code, string message, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var open = await db.ChannelAlerts.FirstOrDefaultAsync(a => a.ClearedAt == null && a.Channel == channel && a.Key == key && a.Code == code, cancellationToken);
        if (open is null)
        {
            db.ChannelAlerts.Add(new ChannelAlert(channel, key, code, message, now));
            logger.LogWarning("{Channel} {Key}: alert {Code}: {Message}", channel, key, code, message);
        }
        else
        {
            open.SeenAgain(message, now);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Clears the open alerts of a key with the given codes (all codes when none are given).</summary>
    public async Task ClearAsync(Tickets.Channel channel, string key, IReadOnlyCollection<int> codes, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var cleared = await db.ChannelAlerts
            .Where(a => a.ClearedAt == null && a.Channel == channel && a.Key == key && (codes.Count == 0 || codes.Contains(a.Code)))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.ClearedAt, now), cancellationToken);
        if (cleared > 0)
        {
            logger.LogInformation("{Channel} {Key}: {Count} alert(s) cleared", channel, key, cleared);
        }
    }

    public async Task<IReadOnlyList<ChannelAlertView>> OpenAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ChannelAlerts.AsNoTracking().Where(a => a.ClearedAt == null).OrderByDescending(a => a.LastSeenAt).Take(50)
            .Select(a => new ChannelAlertView(a.Id, a.Channel, a.Key, a.Code, a.Message, a.RaisedAt, a.LastSeenAt, a.Count))
            .ToListAsync(cancellationToken);
    }
}

public sealed record ChannelAlertView(long Id, Tickets.Channel Channel, string Key, int Code, string Message, DateTimeOffset RaisedAt, DateTimeOffset LastSeenAt, int Count);
