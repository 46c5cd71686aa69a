using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace Ayuda.Components.Shared;

/// <summary>
/// A MudBlazor icon as the markup <c>MudIcon</c> writes for it, without a component: the same
/// <c>&lt;svg class="mud-icon-root …"&gt;</c>, for places that show many icons on every page (menu, rows, chips).
/// </summary>
public static class Svg
{
    private static readonly ConcurrentDictionary<(string Icon, string Class), MarkupString> Cache = new();

    /// <summary>
    /// <paramref name="classes"/> are the classes <c>MudIcon</c> gives the icon for its colour and size, e.g.
    /// "mud-icon-default mud-svg-icon mud-icon-size-medium", followed by the icon's own Class.
    /// </summary>
    public static MarkupString Icon(string icon, string classes) =>
        Cache.GetOrAdd((icon, classes), static key => new MarkupString(
            $"<svg class=\"mud-icon-root {key.Class}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{key.Icon}</svg>"));
}
