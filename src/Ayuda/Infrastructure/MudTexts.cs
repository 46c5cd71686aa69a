using Ayuda.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace Ayuda.Infrastructure;

/// <summary>
/// MudBlazor's own texts (a required field's error, "Close" on dialogs and snackbars, the pager's and the date picker's
/// labels, a number field's conversion error) in the desk's language: each MudBlazor key <c>K</c> is read from
/// <c>Strings</c> as <c>Mud.K</c>. A key we do not carry is reported as not found, so MudBlazor falls back to its
/// built-in English rather than showing the key.
/// </summary>
public sealed class MudTexts(IStringLocalizer<Strings> l) : MudLocalizer
{
    public const string Prefix = "Mud.";

    public override LocalizedString this[string key] => From(key, l[Prefix + key]);

    public override LocalizedString this[string key, params object[] arguments] => From(key, l[Prefix + key, arguments]);

    private static LocalizedString From(string key, LocalizedString text) =>
        text.ResourceNotFound ? new LocalizedString(key, key, resourceNotFound: true) : new LocalizedString(key, text.Value);
}

public static class MudSetup
{
    /// <summary>MudBlazor's services, speaking the desk's language (<see cref="MudTexts"/>).</summary>
    public static IServiceCollection AddAyudaMudBlazor(this IServiceCollection services)
    {
        services.AddMudServices();
        services.AddTransient<MudLocalizer, MudTexts>();
        return services;
    }
}
