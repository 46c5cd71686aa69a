using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace Ayuda.Features.Reports;

/// <summary>
/// <c>/api/v1/reports</c>: the head's ticket report as JSON, CSV or Excel. The same report downloads from the page at
/// <c>/files/reports/tickets</c> (by cookie; the API takes bearer tokens only).
/// </summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/reports").RequireAuthorization(Policies.Supervision).WithTags("Reports")
            .MapGet("/tickets", TicketsAsync)
            .WithSummary("Tickets created and closed, first response and resolution (median and average, hours) over desk days from..to (yyyy-MM-dd, inclusive), " +
                "by groupBy=customer|classification|channel|consultant; format=json|csv|xlsx (or Accept: text/csv or the xlsx type)")
            .Produces<TicketReport>()
            .ProducesValidationProblem();
        return api;
    }

    public static IEndpointRouteBuilder MapReportDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/files/reports/tickets", TicketsAsync).RequireAuthorization(Policies.Supervision).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> TicketsAsync(HttpContext http, TicketReports reports, IStringLocalizer<Strings> l, CancellationToken ct,
        string? from, string? to, string? groupBy, string? format)
    {
        var kind = Format(format, http.Request.Headers.Accept);
        if (kind is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [l["Reports.FormatInvalid"]] }, title: l["Problem.ValidationTitle"]);
        }
        var outcome = await reports.RunAsync(new TicketReports.Query(from, to, groupBy), ct);
        return outcome.ToResult(report => kind switch
        {
            "csv" => TypedResults.File(ReportFiles.Csv(report, l), ReportFiles.CsvType + "; charset=utf-8", ReportFiles.FileName(report, "csv")),
            "xlsx" => TypedResults.File(ReportFiles.Xlsx(report, l), ReportFiles.XlsxType, ReportFiles.FileName(report, "xlsx")),
            _ => TypedResults.Ok(report),
        }, l);
    }

    /// <summary>The format named in the query wins; otherwise the Accept header; JSON by default. Null: an unknown name.</summary>
    private static string? Format(string? format, Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (!string.IsNullOrWhiteSpace(format))
        {
            var name = format.Trim().ToLowerInvariant();
            return name is "json" or "csv" or "xlsx" ? name : null;
        }
        var types = MediaTypeHeaderValue.ParseList(accept);
        if (types.Any(t => t.MediaType.Equals(ReportFiles.CsvType, StringComparison.OrdinalIgnoreCase)))
        {
            return "csv";
        }
        return types.Any(t => t.MediaType.Equals(ReportFiles.XlsxType, StringComparison.OrdinalIgnoreCase)) ? "xlsx" : "json";
    }
}
