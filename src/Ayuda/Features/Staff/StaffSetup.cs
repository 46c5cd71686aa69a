using Ayuda.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Ayuda.Features.Staff;

/// <summary>Identity, cookies for the UI, bearer tokens for the API, role policies, and the staff use cases.</summary>
public static class StaffSetup
{
    public const string FrontScheme = "Ayuda";

    public static IHostApplicationBuilder AddStaff(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);
        services.AddOptions<ApiTokenOptions>().BindConfiguration(ApiTokenOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // One front scheme: /api speaks bearer tokens only (a browser cookie is never enough there, so no CSRF on the
        // API), everything else the UI cookie. Challenges follow the same split: 401 for the API, login page for the UI.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = FrontScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(FrontScheme, FrontScheme, o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api") ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Cookie.Name = "ayuda.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AyudaDb>()
            .AddSignInManager<AyudaSignInManager>()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder().AddAyudaPolicies();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, StaffRevalidatingStateProvider>();

        services.AddMemoryCache();
        services.AddSingleton<StaffAccess>();
        services.AddSingleton<StaffChanges>();
        services.AddSingleton<StaffQueries>();
        services.AddSingleton<CreateStaffUser>();
        services.AddSingleton<ChangeStaffUser>();
        services.AddScoped<IssueApiToken>();
        services.AddHostedService<StaffBootstrap>();
        return builder;
    }
}
