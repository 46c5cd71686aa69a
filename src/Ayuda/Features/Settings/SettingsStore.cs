using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Ayuda.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace Ayuda.Features.Settings;

/// <summary>
/// The settings sections saved from the UI, cached in memory. A save here is seen at once on this host (the section's
/// change token fires, so <c>IOptionsMonitor</c> recomputes); other hosts see it on their next refresh.
/// Properties marked <see cref="SecretAttribute"/> are encrypted with Data Protection in the JSON.
/// </summary>
public sealed class SettingsStore
{
    private const string SecretPurpose = "Ayuda.Settings.Secrets";
    private readonly IDbContextFactory<AyudaDb> _contexts;
    private readonly TimeProvider _clock;
    private readonly ILogger<SettingsStore> _logger;
    private readonly JsonSerializerOptions _writing;
    private readonly JsonSerializerOptions _reading;
    private readonly ConcurrentDictionary<string, StoredSetting> _rows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _changes = new(StringComparer.Ordinal);

    public SettingsStore(IDbContextFactory<AyudaDb> contexts, IDataProtectionProvider protection, TimeProvider clock, ILogger<SettingsStore> logger)
    {
        _contexts = contexts;
        _clock = clock;
        _logger = logger;
        var protector = protection.CreateProtector(SecretPurpose);
        _writing = Options(value => string.IsNullOrEmpty(value) ? value : protector.Protect(value));
        _reading = Options(value => Unprotect(protector, value));
    }

    /// <summary>The stored section, or null when it was never saved from the UI (configuration alone applies).</summary>
    public T? Read<T>(string key) where T : class =>
        _rows.TryGetValue(key, out var row) ? JsonSerializer.Deserialize<T>(row.Json, _reading) : null;

    public StoredSetting? Find(string key) => _rows.GetValueOrDefault(key);

    /// <summary>Fires when the section changes (on this host at once, on others at their next refresh).</summary>
    public IChangeToken Watch(string key) => new CancellationChangeToken(_changes.GetOrAdd(key, _ => new CancellationTokenSource()).Token);

    /// <summary>
    /// Saves the section if nobody saved it since <paramref name="expectedVersion"/> (0: never saved). Returns the new
    /// version, or null when someone else saved first.
    /// </summary>
    public async Task<int?> SaveAsync<T>(string key, T value, int expectedVersion, string actor, CancellationToken cancellationToken) where T : class
    {
        var json = JsonSerializer.Serialize(value, _writing);
        var now = _clock.GetUtcNow();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        if (expectedVersion == 0)
        {
            db.Add(new StoredSetting { Key = key, Json = json, Version = 1, UpdatedAt = now, UpdatedBy = actor });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return null;
            }
        }
        else
        {
            var updated = await db.Set<StoredSetting>()
                .Where(s => s.Key == key && s.Version == expectedVersion)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.Json, json)
                    .SetProperty(x => x.Version, expectedVersion + 1)
                    .SetProperty(x => x.UpdatedAt, now)
                    .SetProperty(x => x.UpdatedBy, actor), cancellationToken);
            if (updated == 0)
            {
                return null;
            }
        }
        _logger.LogInformation("Settings {Section} saved by {Actor} (version {Version})", key, actor, expectedVersion + 1);
        await RefreshAsync(cancellationToken);
        return expectedVersion + 1;
    }

    /// <summary>Reads which sections changed (a cheap query of keys and versions) and reloads only those.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var versions = await db.Set<StoredSetting>().AsNoTracking().Select(s => new { s.Key, s.Version }).ToListAsync(cancellationToken);
        var changed = versions.Where(v => !_rows.TryGetValue(v.Key, out var row) || row.Version != v.Version).Select(v => v.Key).ToList();
        if (changed.Count > 0)
        {
            var rows = await db.Set<StoredSetting>().AsNoTracking().Where(s => changed.Contains(s.Key)).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                _rows[row.Key] = row;
            }
        }
        var removed = _rows.Keys.Except(versions.Select(v => v.Key)).ToList();
        foreach (var key in removed)
        {
            _rows.TryRemove(key, out _);
        }
        foreach (var key in changed.Concat(removed))
        {
            if (_changes.TryRemove(key, out var source))
            {
                source.Cancel();
                source.Dispose();
            }
        }
    }

    private string Unprotect(IDataProtector protector, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value ?? "";
        }
        try
        {
            return protector.Unprotect(value);
        }
        catch (CryptographicException e)
        {
            // The keys that encrypted it are gone (a restored database without its key ring): the secret has to be
            // typed again. Everything else in the section still applies.
            _logger.LogWarning("A stored secret could not be decrypted ({Error}); enter it again in the settings", e.Message);
            return "";
        }
    }

    private static JsonSerializerOptions Options(Func<string?, string?> transform) => new()
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    foreach (var property in info.Properties)
                    {
                        if (property.PropertyType != typeof(string)
                            || property.AttributeProvider?.IsDefined(typeof(SecretAttribute), inherit: true) != true
                            || property.Get is not { } get || property.Set is not { } set)
                        {
                            continue;
                        }
                        property.Get = target => transform((string?)get(target));
                        property.Set = (target, value) => set(target, transform((string?)value));
                    }
                },
            },
        },
    };

    /// <summary>The properties a stored section carries: public, settable, not marked <see cref="JsonIgnoreAttribute"/>.</summary>
    internal static IEnumerable<PropertyInfo> StoredProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && !p.IsDefined(typeof(JsonIgnoreAttribute)));
}
