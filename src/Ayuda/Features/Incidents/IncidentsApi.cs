using System.Security.Claims;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Incidents;

/// <summary><c>/api/v1/incidents</c> and the ticket's link to its incident.</summary>
public static class IncidentsApi
{
    /// <summary>Link an existing incident (<c>incidentNumber</c>) or register a new one from the ticket (the other fields).</summary>
    public sealed record TicketIncidentRequest(
        string? IncidentNumber,
        string? Title = null,
        string? Product = null,
        string? AffectedVersion = null,
        string? Description = null,
        IncidentSeverity? Severity = null,
        string? Module = null,
        string? StepsToReproduce = null,
        string? ExpectedBehaviour = null,
        string? ActualBehaviour = null,
        DateOnly? DetectedOn = null);

    public static RouteGroupBuilder MapIncidentsApi(this RouteGroupBuilder api)
    {
        var incidents = api.MapGroup("/incidents").WithTags("Incidents");
        incidents.MapGet("/", (IncidentQueries queries, CancellationToken ct, string? state, string? severity, string? product, int? olderThanDays,
                string? q, bool open = false, string? cursor = null, int limit = 50) =>
                queries.ListAsync(new IncidentFilter(QueryValues.Enum<IncidentState>(state, nameof(state)), QueryValues.Enum<IncidentSeverity>(severity, nameof(severity)),
                    product, olderThanDays, q, open), cursor, limit, ct))
            .WithSummary("The incident register, newest first: state, severity, product, olderThanDays, q (number or words of the title), open=true; page with the returned cursor");
        incidents.MapGet("/{number}", async Task<IResult> (string number, IncidentQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.GetAsync(number.ToUpperInvariant(), ct) is { } found ? TypedResults.Ok(found) : TypedResults.Problem(l["Incidents.NotFound", number], statusCode: StatusCodes.Status404NotFound))
            .WithSummary("One incident with its history, linked tickets, evidence and the moves it allows now")
            .Produces<IncidentView>();
        incidents.MapPost("/", async Task<IResult> (IncidentWork.Input body, ClaimsPrincipal user, IncidentWork work, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await work.RegisterAsync(body, user.ToActor(), ct)).ToResult(i => TypedResults.Created($"/api/v1/incidents/{i.Number}", i), l))
            .RequireAuthorization(Policies.IncidentWork)
            .WithSummary("Register an incident: {title, product, affectedVersion, description, severity: critical|high|medium|low, module?, stepsToReproduce?, expectedBehaviour?, actualBehaviour?, detectedOn?, ownerId?}");
        incidents.MapPost("/{number}/transitions", async Task<IResult> (string number, IncidentWork.MoveRequest body, ClaimsPrincipal user, IncidentWork work, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await work.MoveAsync(number.ToUpperInvariant(), body, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.RnD)
            .WithSummary("Move the incident: {to, comment (required), fixVersion (required for fixed), duplicateOf (for duplicate)}; 409 names an illegal move");
        incidents.MapPost("/{number}/evidence", async Task<IResult> (string number, IFormFile file, ClaimsPrincipal user, IncidentWork work, IStringLocalizer<Strings> l, CancellationToken ct) =>
            {
                using var buffer = new MemoryStream();
                await using (var stream = file.OpenReadStream())
                {
                    await stream.CopyToAsync(buffer, ct);
                }
                return (await work.AddEvidenceAsync(number.ToUpperInvariant(), file.FileName, file.ContentType, buffer.ToArray(), user.ToActor(), ct)).ToResult(TypedResults.Ok, l);
            })
            .RequireAuthorization(Policies.IncidentWork)
            .DisableAntiforgery()
            .WithSummary("Attach evidence (multipart form, field 'file', at most 25 MB)");
        incidents.MapGet("/evidence/{id:long}", async Task<IResult> (long id, IncidentQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.EvidenceAsync(id, ct) is { } file
                    ? Tickets.AttachmentDownload.Result(file.FileName, file.Bytes)
                    : TypedResults.Problem(l["Incidents.EvidenceNotFound", id], statusCode: StatusCodes.Status404NotFound))
            .WithSummary("Download one evidence file (always as an attachment)");

        incidents.MapGet("/reminders", (IncidentReminders reminders, ClaimsPrincipal user, CancellationToken ct, string? assignee) =>
                reminders.StaleAsync(assignee is null or "me" ? user.StaffId() : assignee == "all" ? null : assignee, ct))
            .RequireAuthorization(Policies.Implementation)
            .WithSummary("Tickets waiting on R&D whose customer got no news for the configured business days: assignee=me (default)|all|id");

        incidents.MapPost("/{number}/version-updates", async Task<IResult> (string number, ClaimsPrincipal user, VersionUpdates updates, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await updates.RaiseForIncidentAsync(number.ToUpperInvariant(), user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.IncidentWork)
            .WithSummary("Once the incident is delivered: a version-update request for every affected customer that has none for it yet");

        var settings = api.MapGroup("/settings/incidents").RequireAuthorization(Policies.IncidentSettings).WithTags("Settings");
        settings.MapGet("", (IncidentSettingsEditor editor) => editor.Current())
            .WithSummary("Which incident moves update customers by themselves, and the reminder thresholds");
        settings.MapPut("", async Task<IResult> (IncidentSettingsEditor.Form form, IncidentSettingsEditor editor, ClaimsPrincipal user, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await editor.SaveAsync(form, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .WithSummary("Save: {version, autoUpdateStates: [fixed, delivered, …], reminderBusinessDays, stalledVersionUpdateDays}");

        var versions = api.MapGroup("/version-updates").WithTags("Version updates");
        versions.MapGet("/", (VersionUpdates updates, CancellationToken ct, string? state, int? customerId, string? incident, bool open = false, bool stalled = false, int limit = 100) =>
                updates.ListAsync(new VersionUpdateFilter(QueryValues.Enum<VersionUpdateState>(state, nameof(state)), customerId, incident?.ToUpperInvariant(), open, stalled), limit, ct))
            .WithSummary("Version-update requests, newest first: state, customerId, incident, open=true, stalled=true (unmoved for the configured days)");
        versions.MapGet("/{id:long}", async Task<IResult> (long id, VersionUpdates updates, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await updates.GetAsync(id, ct) is { } found ? TypedResults.Ok(found) : TypedResults.Problem(l["VersionUpdates.NotFound", id], statusCode: StatusCodes.Status404NotFound))
            .WithSummary("One request with its history");
        versions.MapPost("/", async Task<IResult> (VersionUpdates.Request body, ClaimsPrincipal user, VersionUpdates updates, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await updates.RequestAsync(body, user.ToActor(), ct)).ToResult(v => TypedResults.Created($"/api/v1/version-updates/{v.Id}", v), l))
            .RequireAuthorization(Policies.IncidentWork)
            .WithSummary("Request a version update: {customerId (or from ticketNumber), product, targetVersion, reason, currentVersion? (default: the customer's installed one), ticketNumber?, incidentNumber?}; emailed to the R&D managers");
        versions.MapPost("/{id:long}/transitions", async Task<IResult> (long id, VersionUpdates.MoveRequest body, ClaimsPrincipal user, VersionUpdates updates, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await updates.MoveAsync(id, body, user.ToActor(), user.IsInRole(Roles.RnDManager) || user.IsInRole(Roles.HeadOfImplementation), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.IncidentWork)
            .WithSummary("Move a request (approve, schedule and reject: R&D manager or head; installed: also consultants): {to: approved|scheduled|installed|rejected, comment? (the reason, required to reject), scheduledFor? (required to schedule)}; installed updates the customer's version");

        api.MapGet("/tickets/{number}/incident-update", async Task<IResult> (string number, CustomerUpdates updates, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await updates.DraftAsync(number, ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Implementation)
            .WithTags("Incidents")
            .WithSummary("The prefilled update about the ticket's incident: channel, recipient, subject and text, for the consultant to edit");
        api.MapPost("/tickets/{number}/incident-update", async Task<IResult> (string number, CustomerUpdates.SendRequest body, ClaimsPrincipal user, CustomerUpdates updates, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await updates.SendAsync(number, body, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Implementation)
            .WithTags("Incidents")
            .WithSummary("Send the customer an update about the incident (the text given, or the prefilled one) through the outbox on the ticket's channel");

        api.MapPost("/tickets/{number}/incident", async Task<IResult> (string number, TicketIncidentRequest body, ClaimsPrincipal user, IncidentWork work, IStringLocalizer<Strings> l, CancellationToken ct) =>
            {
                if (!string.IsNullOrWhiteSpace(body.IncidentNumber))
                {
                    return (await work.LinkAsync(number, body.IncidentNumber, user.ToActor(), ct)).ToResult(TypedResults.Ok, l);
                }
                var input = new IncidentWork.Input(body.Title, body.Product, body.AffectedVersion, body.Description, body.Severity, body.Module,
                    body.StepsToReproduce, body.ExpectedBehaviour, body.ActualBehaviour, body.DetectedOn);
                return (await work.RegisterAsync(input, number, user.ToActor(), ct)).ToResult(i => TypedResults.Created($"/api/v1/incidents/{i.Number}", i), l);
            })
            .RequireAuthorization(Policies.Implementation)
            .WithTags("Incidents")
            .WithSummary("From an error ticket: {incidentNumber} links it to an existing incident (200); otherwise registers a new incident from the fields and links it (201); the ticket waits on R&D");
        return api;
    }
}
