using Ayuda.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace Ayuda.Infrastructure;

/// <summary>
/// Every ProblemDetails carries the trace id; the bare ones the framework writes for 401, 403 and 404 get a title
/// and a sentence that tells a person what to do, in their language.
/// </summary>
internal static class ApiProblems
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        if (problem.Detail is not null)
        {
            return;
        }
        var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
        (problem.Title, problem.Detail) = problem.Status switch
        {
            StatusCodes.Status401Unauthorized => (l["Problem.UnauthorizedTitle"].Value, l["Problem.UnauthorizedDetail"].Value),
            StatusCodes.Status403Forbidden => (l["Problem.ForbiddenTitle"].Value, l["Problem.ForbiddenDetail"].Value),
            StatusCodes.Status404NotFound => (l["Problem.NotFoundTitle"].Value, l["Problem.RouteNotFoundDetail"].Value),
            _ => (problem.Title, problem.Detail),
        };
    }
}
