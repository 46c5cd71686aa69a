using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Ayuda.Features.Settings;

/// <summary>
/// Lays a section saved from the UI over the options bound from configuration, and tells <c>IOptionsMonitor</c> when
/// it changes, so workers and pages pick the new values up without a restart.
/// </summary>
internal sealed class StoredOptions<T>(SettingsStore store, string key) : IPostConfigureOptions<T>, IOptionsChangeTokenSource<T>
    where T : class
{
    public string? Name => Microsoft.Extensions.Options.Options.DefaultName;

    public IChangeToken GetChangeToken() => store.Watch(key);

    public void PostConfigure(string? name, T options)
    {
        if (store.Read<T>(key) is not { } stored)
        {
            return;
        }
        foreach (var property in SettingsStore.StoredProperties(typeof(T)))
        {
            property.SetValue(options, property.GetValue(stored));
        }
    }
}

public static class SettingsSetup
{
    public static IHostApplicationBuilder AddSettings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SettingsStore>();
        builder.Services.AddHostedService<SettingsRefresher>();
        return builder;
    }

    /// <summary>Options of <typeparamref name="T"/> can be changed from the UI: a stored section overrides configuration.</summary>
    public static OptionsBuilder<T> StoredInDatabase<T>(this OptionsBuilder<T> options, string key) where T : class
    {
        options.Services.AddSingleton<StoredOptions<T>>(sp => new StoredOptions<T>(sp.GetRequiredService<SettingsStore>(), key));
        options.Services.AddSingleton<IPostConfigureOptions<T>>(sp => sp.GetRequiredService<StoredOptions<T>>());
        options.Services.AddSingleton<IOptionsChangeTokenSource<T>>(sp => sp.GetRequiredService<StoredOptions<T>>());
        return options;
    }
}
