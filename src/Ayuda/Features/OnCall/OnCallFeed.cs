using System.Security.Cryptography;
using Ayuda.Data;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.OnCall;

/// <summary>
/// Each staff member's personal calendar of their on-call shifts, at a secret address (<c>/oncall/feed/{token}.ics</c>)
/// that calendar apps can subscribe to without signing in. Making a new address retires the old one.
/// </summary>
public sealed class OnCallFeed(IDbContextFactory<AyudaDb> contexts, OnCallQueries queries, DeskClock desk, IStringLocalizer<Strings> l, ILogger<OnCallFeed> logger)
{
    public const string PathPrefix = "/oncall/feed/";
    private static readonly TimeSpan Behind = TimeSpan.FromDays(14);
    private static readonly TimeSpan Ahead = TimeSpan.FromDays(12 * 7);

    /// <summary>A new secret token for <paramref name="userId"/>; shown once, only its hash is stored.</summary>
    public async Task<Outcome<string>> RenewAsync(string userId, CancellationToken ct)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        await using var db = await contexts.CreateDbContextAsync(ct);
        var existing = await db.OnCallFeedTokens.FirstOrDefaultAsync(t => t.UserId == userId, ct);
        if (existing is null)
        {
            db.OnCallFeedTokens.Add(new OnCallFeedToken(userId, Hash(token), desk.UtcNow));
        }
        else
        {
            existing.Replace(Hash(token), desk.UtcNow);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // Two first-time renewals at once (two tabs, a double click): the other one stored its address first.
            logger.LogInformation("On-call feed renewal for {UserId} clashed with another: {Error}", userId, e.InnerException?.Message ?? e.Message);
            return Outcome<string>.Fail(l["OnCall.FeedChangedMeanwhile"]);
        }
        logger.LogInformation("On-call feed address renewed for {UserId}", userId);
        return Outcome<string>.Ok(token);
    }

    public async Task<DateTimeOffset?> IssuedAtAsync(string userId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.OnCallFeedTokens.Where(t => t.UserId == userId).Select(t => (DateTimeOffset?)t.CreatedAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>The calendar for the owner of <paramref name="token"/>, or null when no one has that token.</summary>
    public async Task<string?> CalendarAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var hash = Hash(token);
        var userId = await db.OnCallFeedTokens.Where(t => t.TokenHash == hash).Select(t => t.UserId).FirstOrDefaultAsync(ct);
        var language = userId is null ? null : await db.Users.Where(u => u.Id == userId && u.IsActive).Select(u => u.Language).FirstOrDefaultAsync(ct);
        if (userId is null || language is null)
        {
            return null;
        }
        var now = desk.UtcNow;
        var (from, to) = (now - Behind, now + Ahead);
        var rotations = await db.OnCallRotations.AsNoTracking().Where(r => r.IsActive).Include(r => r.Overrides.Where(o => o.To > from)).ToListAsync(ct);
        var calendar = new Ical.Net.Calendar { ProductId = "-//Ayuda//Guardias//ES" };
        calendar.AddProperty("X-WR-CALNAME", ReaderCulture.In(language, () => l["OnCall.FeedName"].Value));
        foreach (var rotation in rotations)
        {
            foreach (var shift in queries.Shifts(rotation, from, to).Where(s => s.UserId == userId))
            {
                calendar.Events.Add(new CalendarEvent
                {
                    // Stable per rotation and start, so a subscribed calendar updates a shift instead of duplicating it.
                    Uid = $"oncall-{rotation.Id}-{shift.Start.UtcTicks}@ayuda",
                    DtStamp = new CalDateTime(now.UtcDateTime, CalDateTime.UtcTzId),
                    DtStart = new CalDateTime(shift.Start.UtcDateTime, CalDateTime.UtcTzId),
                    DtEnd = new CalDateTime(shift.End.UtcDateTime, CalDateTime.UtcTzId),
                    Summary = ReaderCulture.In(language, () => l[shift.IsOverride ? "OnCall.FeedOverrideSummary" : "OnCall.FeedSummary", rotation.Name].Value),
                    Transparency = "TRANSPARENT",
                });
            }
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
