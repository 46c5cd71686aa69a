using System.Security.Claims;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Templates;

/// <summary><c>/api/v1/templates</c>: the customer-facing texts, for SystemAdmin and the head.</summary>
public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplatesApi(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/templates").RequireAuthorization(Policies.Templates).WithTags("Templates");
        templates.MapGet("/", (TemplateEditor editor, CancellationToken ct) => editor.ListAsync(ct))
            .WithSummary("Every editable template (kind × language es|en): whether the desk customised it, its version, who saved it and when");
        templates.MapGet("/{kind}/{language}", async Task<IResult> (string kind, string language, TemplateEditor editor, IStringLocalizer<Strings> l, CancellationToken ct) =>
                TemplateEditor.TryFind(kind, language, out var found, out var lang)
                    ? TypedResults.Ok(await editor.GetAsync(found, lang, ct))
                    : NotFound(kind, language, l))
            .WithSummary("One template: the text in use (saved, else the default), the default, and the fields it may use with what each holds")
            .Produces<TemplateDetail>();
        templates.MapPut("/{kind}/{language}", async Task<IResult> (string kind, string language, SaveTemplateRequest body, ClaimsPrincipal user, TemplateEditor editor,
                IStringLocalizer<Strings> l, CancellationToken ct) =>
                TemplateEditor.TryFind(kind, language, out var found, out var lang)
                    ? (await editor.SaveAsync(found, lang, body, user.ToActor(), ct)).ToResult(TypedResults.Ok, l)
                    : NotFound(kind, language, l))
            .WithSummary("Save: {version (as read; 0 for the default), subject, body} in Liquid; 400 names what does not parse or the unknown fields (nothing is saved); 409 when someone saved since")
            .Produces<TemplateDetail>()
            .ProducesValidationProblem();
        templates.MapDelete("/{kind}/{language}", async Task<IResult> (string kind, string language, int? version, TemplateEditor editor, IStringLocalizer<Strings> l, CancellationToken ct) =>
                TemplateEditor.TryFind(kind, language, out var found, out var lang)
                    ? (await editor.ResetAsync(found, lang, version, ct)).ToResult(TypedResults.Ok, l)
                    : NotFound(kind, language, l))
            .WithSummary("Back to the built-in text (?version=… refuses with 409 when someone saved since); answers the template as it is now")
            .Produces<TemplateDetail>();
        templates.MapPost("/{kind}/{language}/preview", async Task<IResult> (string kind, string language, PreviewTemplateRequest body, ClaimsPrincipal user,
                TemplateEditor editor, IStringLocalizer<Strings> l, CancellationToken ct) =>
                TemplateEditor.TryFind(kind, language, out var found, out var lang)
                    ? (await editor.PreviewAsync(found, lang, body, user.ToActor(), ct)).ToResult(TypedResults.Ok, l)
                    : NotFound(kind, language, l))
            .WithSummary("Render an unsaved {subject, body, ticketNumber?} on that ticket, else on the latest resolved one, else on a sample case; 400 with the same errors saving would give")
            .Produces<TemplatePreview>()
            .ProducesValidationProblem();
        return api;
    }

    private static IResult NotFound(string kind, string language, IStringLocalizer<Strings> l) =>
        TypedResults.Problem(
            l["Templates.NotFound", kind, language, string.Join(", ", TemplateFields.Editable.Select(TemplateEditor.RouteName)), string.Join(", ", TemplateEngine.Languages)],
            statusCode: StatusCodes.Status404NotFound, title: l["Problem.NotFoundTitle"]);
}
