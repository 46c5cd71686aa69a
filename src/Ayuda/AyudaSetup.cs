using System.Text.Json.Serialization;
using System.Text.Json;
using Ayuda.Components;
using Ayuda.Data;
using Ayuda.Features.Account;
using Ayuda.Features.Closing;
using Ayuda.Features.Consultations;
using Ayuda.Features.Customers;
using Ayuda.Features.Channels.Email;
using Ayuda.Features.Channels.Phone;
using Ayuda.Features.Channels.WhatsApp;
using Ayuda.Features.Demo;
using Ayuda.Features.Feedback;
using Ayuda.Features.Incidents;
using Ayuda.Features.Intake;
using Ayuda.Features.Meetings;
using Ayuda.Features.Notifications;
using Ayuda.Features.OnCall;
using Ayuda.Features.Procedures;
using Ayuda.Features.Requirements;
using Ayuda.Features.Settings;
using Ayuda.Features.Reports;
using Ayuda.Features.Search;
using Ayuda.Features.Staff;
using Ayuda.Features.Supervision;
using Ayuda.Features.Templates;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace Ayuda;

/// <summary>The whole host in two calls: <c>builder.AddAyuda()</c> and <c>app.MapAyuda()</c>.</summary>
public static class AyudaSetup
{
    public static WebApplicationBuilder AddAyuda(this WebApplicationBuilder builder, string[] args)
    {
        if (CommandLine.Has(args, CommandLine.Demo))
        {
            builder.Configuration["Ayuda:Demo:Enabled"] = "true";
        }
        builder.Services.AddOptions<AyudaOptions>().BindConfiguration(AyudaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DeskClock>();
        // Enums travel as camelCase names ("usageQuery", "whatsApp"), never as numbers.
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false)));

        builder.AddAyudaData();
        builder.AddSettings();
        builder.AddAyudaLocalization();
        builder.AddStaff();
        builder.AddCustomers();
        builder.AddTickets();
        builder.AddEmail();
        builder.AddPhone();
        builder.AddWhatsApp();
        builder.AddNotifications();
        builder.AddTemplates();
        builder.AddClosing();
        builder.AddIncidents();
        builder.AddConsultations();
        builder.AddRequirements();
        builder.AddMeetings();
        builder.AddFeedback();
        builder.AddSupervision();
        builder.AddReports();
        builder.AddOnCall();
        builder.AddProcedures();
        builder.AddSearch();
        builder.AddDemoData();

        builder.Services.AddDataProtection().SetApplicationName("Ayuda").PersistKeysToDbContext<AyudaDb>();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.Customize);
        builder.Services.AddExceptionHandler<ExceptionProblems>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddHealthChecks().AddDbContextCheck<AyudaDb>("database");
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityTransformer>());
        builder.Services.AddHttpContextAccessor();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddAyudaMudBlazor();
        builder.Services.AddSingleton<Ayuda.Components.Shared.PrerenderedHtml>();
        return builder;
    }

    public static WebApplication MapAyuda(this WebApplication app)
    {
        app.UseExceptionHandler();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        // Empty 4xx answers from the API (no token, wrong role, unknown route) get a ProblemDetails body.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());

        app.UseAuthentication();
        app.UseMiddleware<StaffAccessMiddleware>();
        app.UseRequestLocalization();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("Ayuda API")).AllowAnonymous();

        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Staff).DisableAntiforgery();
        api.MapStaffApi();
        api.MapCustomersApi();
        api.MapIntakeApi();
        api.MapTicketsApi();
        api.MapClosingApi();
        api.MapEmailApi();
        api.MapPhoneApi();
        api.MapWhatsAppApi();
        api.MapIncidentsApi();
        api.MapTemplatesApi();
        api.MapConsultationsApi();
        api.MapRequirementsApi();
        api.MapMeetingsApi();
        api.MapFeedbackApi();
        api.MapSupervisionApi();
        api.MapReportsApi();
        api.MapOnCallApi();
        api.MapProceduresApi();
        api.MapSearchApi();
        api.MapNoticesApi();
        // Unknown routes under /api answer 404 ProblemDetails instead of falling through to the UI.
        app.Map("/api/{**rest}", () => Results.NotFound()).AllowAnonymous();

        app.MapWhatsAppWebhook();
        app.MapOnCallFeed();
        app.MapAccountEndpoints();
        app.MapAttachmentDownloads();
        app.MapReportDownloads();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
        return app;
    }
}
