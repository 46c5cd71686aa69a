using System.Text.Json;
using Ayuda.Resources;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Ayuda.Infrastructure;

/// <summary>
/// Turns exceptions into RFC 7807 ProblemDetails: a broken business rule (409/400/404), a malformed request (400),
/// anything else (500, details only in the logs).
/// </summary>
internal sealed class ExceptionProblems(IProblemDetailsService problems, IStringLocalizer<Strings> l, ILogger<ExceptionProblems> logger)
    : IExceptionHandler
{
    /// <summary>Well-formed JSON with a value of the wrong type or an unknown name (not a syntax error from the reader).</summary>
    private static bool IsValueError(JsonException json) => json.InnerException?.GetType().Name != "JsonReaderException";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            DomainException { Kind: DomainErrorKind.NotFound } e => (StatusCodes.Status404NotFound, l["Problem.NotFoundTitle"].Value, e.Describe(l)),
            DomainException { Kind: DomainErrorKind.Invalid } e => (StatusCodes.Status400BadRequest, l["Problem.BadRequestTitle"].Value, e.Describe(l)),
            DomainException e => (StatusCodes.Status409Conflict, l["Problem.ConflictTitle"].Value, e.Describe(l)),
            BadHttpRequestException { InnerException: JsonException { Path: { Length: > 1 } path } json } when IsValueError(json) =>
                (StatusCodes.Status400BadRequest, l["Problem.BadRequestTitle"].Value, l["Problem.InvalidJsonValue", path.TrimStart('$', '.')].Value),
            BadHttpRequestException { InnerException: JsonException } => (StatusCodes.Status400BadRequest, l["Problem.BadRequestTitle"].Value, l["Problem.MalformedJson"].Value),
            BadHttpRequestException e => (e.StatusCode, l["Problem.BadRequestTitle"].Value, e.Message),
            _ => (StatusCodes.Status500InternalServerError, l["Problem.ServerErrorTitle"].Value, l["Problem.ServerErrorDetail"].Value),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        }
        else
        {
            logger.LogInformation("Request refused with {Status}: {Reason}", status, exception.Message);
        }
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = exception is DomainException { Field: { } field }
                ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] }) { Status = status, Title = title, Detail = detail }
                : new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
