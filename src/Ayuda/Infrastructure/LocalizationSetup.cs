using System.Globalization;
using Ayuda.Features.Staff;
using Microsoft.AspNetCore.Localization;

namespace Ayuda.Infrastructure;

/// <summary>
/// Spanish (es-AR) by default; English per user. The signed-in user's choice travels in their principal; before
/// signing in, the language cookie remembers the last choice. The browser's Accept-Language is ignored on purpose:
/// the desk works in Spanish unless a person chooses otherwise.
/// </summary>
public static class LocalizationSetup
{
    public static IHostApplicationBuilder AddAyudaLocalization(this IHostApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            // The shared, read-only cultures: the middleware hands a read-only culture to every request as it is,
            // where a culture made with `new` would be cloned per request and its number and date formats
            // looked up again from ICU each time (measurable on every page).
            var supported = StaffLanguages.All.Select(c => CultureInfo.GetCultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(CultureInfo.GetCultureInfo(StaffLanguages.Default));
            o.SupportedCultures = supported;
            o.SupportedUICultures = supported;
            o.RequestCultureProviders =
            [
                new CustomRequestCultureProvider(context =>
                {
                    var language = context.User.FindFirst(StaffClaimsFactory.LanguageClaim)?.Value;
                    return Task.FromResult(StaffLanguages.IsSupported(language) ? new ProviderCultureResult(language) : null);
                }),
                new CookieRequestCultureProvider(),
            ];
        });
        return builder;
    }

    /// <summary>Remembers a language in the culture cookie (for the login page after sign-out).</summary>
    public static void RememberLanguage(this HttpResponse response, string language) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
}
