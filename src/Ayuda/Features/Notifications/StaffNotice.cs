using System.Collections.Concurrent;
using Ayuda.Data;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Notifications;

/// <summary>
/// A notice for one staff member inside Ayuda (the bell in the app bar): "the incident of your ticket moved to Fixed".
/// Written in the same transaction as the change it tells about.
/// </summary>
public sealed class StaffNotice
{
    public const int MaxTextLength = 500;

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public string Text { get; private set; } = "";

    /// <summary>Where the notice leads (a page path), e.g. <c>/tickets/2026-000123</c>.</summary>
    public string Link { get; private set; } = "";
    public DateTimeOffset? ReadAt { get; private set; }

    private StaffNotice() { }

    public StaffNotice(string userId, string text, string link, DateTimeOffset at)
    {
        UserId = userId;
        Text = text.Length > MaxTextLength ? text[..MaxTextLength] : text;
        Link = link;
        At = at;
    }
}

internal sealed class StaffNoticeConfiguration : IEntityTypeConfiguration<StaffNotice>
{
    public void Configure(EntityTypeBuilder<StaffNotice> builder)
    {
        builder.ToTable("StaffNotices");
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.Property(n => n.Text).HasMaxLength(StaffNotice.MaxTextLength);
        builder.Property(n => n.Link).HasMaxLength(300);
        // The bell's question: my unread ones, newest first.
        builder.HasIndex(n => new { n.UserId, n.ReadAt, n.At });
    }
}

/// <summary>Reads and marks the bell's notices; tells open pages of this host when new ones were written.</summary>
public sealed class StaffNotices(IDbContextFactory<AyudaDb> contexts, TimeProvider clock)
{
    /// <summary>How long a user's unread count may be shown before it is counted again (notices written on other hosts).</summary>
    public static readonly TimeSpan UnreadCacheFor = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, Kept<int>> _unread = new();
    private int _generation;

    public event Action<IReadOnlyCollection<string>>? Written;

    /// <summary>Called after the transaction that wrote notices for these users committed.</summary>
    public void Announce(IReadOnlyCollection<string> userIds)
    {
        if (userIds.Count > 0)
        {
            Forget(userIds);
            Written?.Invoke(userIds);
        }
    }

    /// <summary>
    /// How many of the user's notices are unread: all the bell shows until it is opened (every page asks). Kept for
    /// <see cref="UnreadCacheFor"/>; notices announced on this host and reading them count again at once.
    /// </summary>
    public async Task<int> UnreadAsync(string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var generation = Volatile.Read(ref _generation);
        if (_unread.TryGetValue(userId, out var kept) && kept.FreshAt(generation, now))
        {
            return kept.Value;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var count = await db.StaffNotices.CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);
        _unread[userId] = new(count, generation, now + UnreadCacheFor);
        return count;
    }

    /// <summary>These users' counts changed: a count read meanwhile is not kept either (the generation moves on).</summary>
    private void Forget(IEnumerable<string> userIds)
    {
        Interlocked.Increment(ref _generation);
        foreach (var userId in userIds)
        {
            _unread.TryRemove(userId, out _);
        }
    }

    public async Task<StaffNoticePage> ForAsync(string userId, int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var unread = await db.StaffNotices.CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);
        var items = await db.StaffNotices.AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.At).ThenByDescending(n => n.Id)
            .Take(Math.Clamp(limit, 1, 100)).Select(n => new StaffNoticeView(n.Id, n.At, n.Text, n.Link, n.ReadAt != null)).ToListAsync(ct);
        return new StaffNoticePage(unread, items);
    }

    public async Task MarkReadAsync(string userId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        await db.StaffNotices.Where(n => n.UserId == userId && n.ReadAt == null).ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), ct);
        Forget([userId]);
    }
}

public sealed record StaffNoticeView(long Id, DateTimeOffset At, string Text, string Link, bool Read);

public sealed record StaffNoticePage(int Unread, IReadOnlyList<StaffNoticeView> Items);
