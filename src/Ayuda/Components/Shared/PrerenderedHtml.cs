using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Ayuda.Components.Shared;

/// <summary>
/// The HTML a component renders for given parameters, rendered once per key and kept: for the pre-rendered page
/// (the HTML a browser shows before the page is live) of forms built from many MudBlazor inputs, whose look
/// depends on a few values only. Once the page is live the component itself is rendered, as always; before
/// that a form cannot be used anyway, so its HTML is all that matters, and it is MudBlazor's own.
/// </summary>
/// <remarks>
/// The key must name everything the HTML depends on (the culture is added here); the render sees no signed-in
/// user, so the HTML must not depend on who asks. Event callbacks among the parameters are never called. At most <see cref="Capacity"/> keys are kept; past that the store starts afresh.
/// </remarks>
public sealed class PrerenderedHtml(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    public const int Capacity = 500;

    private readonly ConcurrentDictionary<string, Lazy<Task<MarkupString>>> _store = new();

    public async Task<MarkupString> GetAsync<TComponent>(string key, IDictionary<string, object?> parameters) where TComponent : IComponent
    {
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        var fullKey = $"{typeof(TComponent).FullName}|{culture.Name}|{uiCulture.Name}|{key}";
        if (_store.Count >= Capacity && !_store.ContainsKey(fullKey))
        {
            _store.Clear();
        }
        var entry = _store.GetOrAdd(fullKey, _ => new Lazy<Task<MarkupString>>(() => RenderAsync<TComponent>(parameters, culture, uiCulture)));
        try
        {
            return await entry.Value;
        }
        catch
        {
            // A failed render is not kept: the next request tries again.
            _store.TryRemove(new KeyValuePair<string, Lazy<Task<MarkupString>>>(fullKey, entry));
            throw;
        }
    }

    private async Task<MarkupString> RenderAsync<TComponent>(IDictionary<string, object?> parameters, CultureInfo culture, CultureInfo uiCulture)
        where TComponent : IComponent
    {
        await using var scope = scopes.CreateAsyncScope();
        // The popovers of a closed menu or select live in the page's MudPopoverProvider, not in this HTML:
        // an observer that ignores them stands in for the provider MudBlazor otherwise reports missing.
        scope.ServiceProvider.GetRequiredService<IPopoverService>().Subscribe(new NoPopoverProvider());
        // The HTML is shared by everyone who asks with the same key: it is rendered for nobody in particular.
        if (scope.ServiceProvider.GetService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider authentication)
        {
            authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            var html = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return new MarkupString(html.ToHtmlString());
        });
    }

    private sealed class NoPopoverProvider : IPopoverObserver
    {
        public Guid Id { get; } = Guid.NewGuid();

        public Task PopoverCollectionUpdatedNotificationAsync(PopoverHolderContainer container, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
