using System.Security.Claims;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.OnCall;

/// <summary><c>/api/v1/oncall</c>: rotations, overrides, who is on call, holidays; the settings; and the personal feed.</summary>
public static class OnCallApi
{
    public static RouteGroupBuilder MapOnCallApi(this RouteGroupBuilder api)
    {
        var oncall = api.MapGroup("/oncall").WithTags("On call");
        oncall.MapGet("/now", (OnCallQueries queries, CancellationToken ct) => queries.NowAsync(ct))
            .WithSummary("Who is on call now, per rotation, until when, and whether it is business hours");
        oncall.MapGet("/rotations", (OnCallQueries queries, CancellationToken ct) => queries.ListAsync(ct))
            .WithSummary("Every rotation with its members in order, coverage, coming overrides and who is on call now");
        oncall.MapGet("/rotations/{id:int}", async Task<IResult> (int id, OnCallQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.GetAsync(id, ct) is { } found ? TypedResults.Ok(found) : NotFound(l["OnCall.RotationNotFound", id], l))
            .WithSummary("One rotation")
            .Produces<OnCallRotationView>();
        oncall.MapPost("/rotations", async Task<IResult> (RotationWork.Input body, ClaimsPrincipal user, RotationWork work, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await work.CreateAsync(body, user.ToActor(), ct)).ToResult(r => TypedResults.Created($"/api/v1/oncall/rotations/{r.Id}", r), l))
            .RequireAuthorization(Policies.Supervision)
            .WithSummary("Define a rotation: {name, memberIds (consultants or the head, in turn order), shiftDays (1–28, 7 = a week), handOffDay, handOffTime \"09:00\", " +
                "startsOn? (default today), timeZone? (default the desk's), coverage: always|businessHours|afterHours|weekly, windows? [{day, from, to}] for weekly}");
        oncall.MapPut("/rotations/{id:int}", async Task<IResult> (int id, RotationWork.Input body, ClaimsPrincipal user, RotationWork work, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await work.ChangeAsync(id, body, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Supervision)
            .WithSummary("Change a rotation: the same fields, plus active and version (409 when someone saved since)");
        oncall.MapPost("/rotations/{id:int}/overrides", async Task<IResult> (int id, RotationWork.OverrideInput body, ClaimsPrincipal user, RotationWork work,
                IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await work.AddOverrideAsync(id, body, user.ToActor(), ct)).ToResult(o => TypedResults.Created($"/api/v1/oncall/rotations/{id}/overrides/{o.Id}", o), l))
            .RequireAuthorization(Policies.Supervision)
            .WithSummary("Someone covers instead of the scheduled member: {userId, from, to, reason}");
        oncall.MapDelete("/rotations/{id:int}/overrides/{overrideId:long}", async Task<IResult> (int id, long overrideId, ClaimsPrincipal user, RotationWork work,
                IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await work.RemoveOverrideAsync(id, overrideId, user.ToActor(), ct)).ToResult(_ => TypedResults.NoContent(), l))
            .RequireAuthorization(Policies.Supervision)
            .WithSummary("Remove an override");
        oncall.MapGet("/calendar", (OnCallQueries queries, CancellationToken ct, int weeks = 8) => queries.CalendarAsync(weeks, ct))
            .WithSummary("Day by day from today (weeks, default 8): who covers each rotation, overrides marked, holidays flagged");
        oncall.MapGet("/eligible", (OnCallQueries queries, CancellationToken ct) => queries.EligibleAsync(ct))
            .WithSummary("Who can be on call (active consultants and heads of implementation)");

        var holidays = oncall.MapGroup("/holidays");
        holidays.MapGet("/", async Task<IResult> (OnCallQueries queries, IStringLocalizer<Strings> l, CancellationToken ct, int? year) =>
                (await queries.HolidaysAsync(year, ct)).ToResult(TypedResults.Ok, l))
            .Produces<IReadOnlyList<HolidayView>>()
            .WithSummary("The holiday calendar (not business hours), by date; year= to filter");
        holidays.MapPost("/", async Task<IResult> (HolidayWork.Input body, ClaimsPrincipal user, HolidayWork work, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await work.AddAsync(body, user.ToActor(), ct)).ToResult(h => TypedResults.Created($"/api/v1/oncall/holidays/{h.Id}", h), l))
            .RequireAuthorization(Policies.OnCallSettings)
            .WithSummary("Add a holiday: {date, name}");
        holidays.MapDelete("/{id:int}", async Task<IResult> (int id, ClaimsPrincipal user, HolidayWork work, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await work.RemoveAsync(id, user.ToActor(), ct)).ToResult(_ => TypedResults.NoContent(), l))
            .RequireAuthorization(Policies.OnCallSettings)
            .WithSummary("Remove a holiday");
        holidays.MapPost("/import", async Task<IResult> (IFormFile? file, ClaimsPrincipal user, HolidayWork work, IStringLocalizer<Strings> l, CancellationToken ct) =>
            {
                if (file is null)
                {
                    return Outcome<HolidayWork.ImportResult>.Invalid("file", l["OnCall.IcsRequired"]).ToResult(TypedResults.Ok, l);
                }
                await using var stream = file.OpenReadStream();
                return (await work.ImportAsync(stream, file.Length, user.ToActor(), ct)).ToResult(TypedResults.Ok, l);
            })
            .RequireAuthorization(Policies.OnCallSettings)
            .DisableAntiforgery()
            .WithSummary("Import holidays from an iCalendar file (multipart 'file'): each all-day event's days; days already listed are kept");

        oncall.MapPost("/me/feed", async Task<IResult> (ClaimsPrincipal user, OnCallFeed feed, HttpContext http, IOptions<AyudaOptions> ayuda, IStringLocalizer<Strings> l,
                CancellationToken ct) =>
                (await feed.RenewAsync(user.StaffId(), ct)).ToResult(token => TypedResults.Ok(new FeedAddress(token, FeedUrl(http, ayuda.Value, token))), l))
            .Produces<FeedAddress>()
            .RequireAuthorization(Policies.Implementation)
            .WithSummary("A new secret address for my calendar of on-call shifts (the previous one stops working); shown only now");

        var settings = api.MapGroup("/settings/oncall").RequireAuthorization(Policies.OnCallSettings).WithTags("Settings");
        settings.MapGet("", (OnCallSettingsEditor editor) => editor.Current())
            .WithSummary("Business hours and automatic assignment to the consultant on call");
        settings.MapPut("", async Task<IResult> (OnCallSettingsEditor.Form form, OnCallSettingsEditor editor, ClaimsPrincipal user, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await editor.SaveAsync(form, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .WithSummary("Save: {version, autoAssign: never|outsideBusinessHours|always, businessDays: [monday, …], opens \"09:00\", closes \"18:00\"}");
        return api;
    }

    /// <summary>The feed itself: no sign-in, the token is the key. An unknown token is a plain 404.</summary>
    public static IEndpointRouteBuilder MapOnCallFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet(OnCallFeed.PathPrefix + "{token}.ics", async Task<IResult> (string token, OnCallFeed feed, CancellationToken ct) =>
                await feed.CalendarAsync(token, ct) is { } calendar
                    ? TypedResults.Text(calendar, "text/calendar; charset=utf-8")
                    : TypedResults.NotFound())
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    public sealed record FeedAddress(string Token, string Url);

    public static string FeedUrl(HttpContext? http, AyudaOptions ayuda, string token)
    {
        var root = !string.IsNullOrWhiteSpace(ayuda.PublicUrl) ? ayuda.PublicUrl.TrimEnd('/')
            : http is null ? "" : $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        return $"{root}{OnCallFeed.PathPrefix}{token}.ics";
    }

    private static IResult NotFound(string detail, IStringLocalizer<Strings> l) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: l["Problem.NotFoundTitle"]);
}
