using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Infrastructure;

/// <summary>Maps a use case's <see cref="Outcome{T}"/> to an HTTP result with RFC 7807 ProblemDetails.</summary>
public static class OutcomeResults
{
    public static IResult ToResult<T>(this Outcome<T> outcome, Func<T, IResult> onSuccess, IStringLocalizer<Strings> l)
    {
        if (outcome.Succeeded)
        {
            return onSuccess(outcome.Value!);
        }
        if (outcome.Problem is null)
        {
            return TypedResults.ValidationProblem(
                outcome.Errors.ToDictionary(e => e.Key, e => e.Value),
                title: l["Problem.ValidationTitle"]);
        }
        return outcome.Kind switch
        {
            DomainErrorKind.NotFound => TypedResults.Problem(outcome.Problem, statusCode: StatusCodes.Status404NotFound, title: l["Problem.NotFoundTitle"]),
            DomainErrorKind.Invalid => TypedResults.Problem(outcome.Problem, statusCode: StatusCodes.Status400BadRequest, title: l["Problem.BadRequestTitle"]),
            _ => TypedResults.Problem(outcome.Problem, statusCode: StatusCodes.Status409Conflict, title: l["Problem.ConflictTitle"]),
        };
    }
}
