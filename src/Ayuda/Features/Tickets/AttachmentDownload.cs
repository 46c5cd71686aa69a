using Ayuda.Features.Staff;
using Microsoft.Net.Http.Headers;

namespace Ayuda.Features.Tickets;

/// <summary>
/// Attachments come from strangers: they are only ever served as downloads (never rendered in the browser), with a
/// generic type, no sniffing, and a sandboxing CSP. Staff only, by cookie (pages) or token (API).
/// </summary>
public static class AttachmentDownload
{
    public static IResult Result(string fileName, byte[] bytes) => new DownloadResult(fileName, bytes);

    public static IEndpointRouteBuilder MapAttachmentDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/files/attachments/{id:long}", async Task<IResult> (long id, TicketQueries queries, CancellationToken ct) =>
                await queries.AttachmentAsync(id, ct) is { } file ? Result(file.FileName, file.Bytes) : Results.NotFound())
            .RequireAuthorization(Policies.Staff)
            .ExcludeFromDescription();
        app.MapGet("/files/inbound/{id:long}", async Task<IResult> (long id, Channels.QuarantineQueries queries, CancellationToken ct) =>
                await queries.RawAsync(id, ct) is { Length: > 0 } raw ? Result($"mensaje-{id}.eml", raw) : Results.NotFound())
            .RequireAuthorization(Policies.Intake)
            .ExcludeFromDescription();
        app.MapGet("/files/evidence/{id:long}", async Task<IResult> (long id, Incidents.IncidentQueries queries, CancellationToken ct) =>
                await queries.EvidenceAsync(id, ct) is { } file ? Result(file.FileName, file.Bytes) : Results.NotFound())
            .RequireAuthorization(Policies.Staff)
            .ExcludeFromDescription();
        app.MapGet("/files/requirements/{id:long}", async Task<IResult> (long id, Requirements.RequirementQueries queries, CancellationToken ct) =>
                await queries.FileAsync(id, ct) is { } file ? Result(file.FileName, file.Bytes) : Results.NotFound())
            .RequireAuthorization(Policies.Requirements)
            .ExcludeFromDescription();
        return app;
    }

    private sealed class DownloadResult(string fileName, byte[] bytes) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            var headers = context.Response.Headers;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.ContentSecurityPolicy] = "sandbox; default-src 'none'";
            return Results.File(bytes, "application/octet-stream", fileName).ExecuteAsync(context);
        }
    }
}
