using System.Linq.Expressions;

namespace Ayuda.Features.Supervision;

/// <summary>
/// Turns an instant column into the index of the time slot it falls in, as one SQL CASE the database groups by: slot
/// <c>i</c> starts at <c>starts[i]</c> (ascending) and ends where the next starts; before the first is -1. The bounds
/// travel as parameters (the plan is reused), and comparing instants works on both providers (SQLite stores UTC ticks).
/// </summary>
internal static class TimeBuckets
{
    public static Expression<Func<T, int>> Index<T, TInstant>(Expression<Func<T, TInstant>> at, IReadOnlyList<DateTimeOffset> starts)
    {
        Expression body = Expression.Constant(-1);
        for (var i = 0; i < starts.Count; i++)
        {
            // A member of a closure object becomes a query parameter, as a captured local would.
            var bound = Expression.Property(Expression.Constant(new Bound<TInstant>(ToInstant<TInstant>(starts[i]))), nameof(Bound<TInstant>.Value));
            body = Expression.Condition(Expression.GreaterThanOrEqual(at.Body, bound), Expression.Constant(i), body);
        }
        return Expression.Lambda<Func<T, int>>(body, at.Parameters);
    }

    private static TInstant ToInstant<TInstant>(DateTimeOffset value) => (TInstant)(object)value;

    private sealed class Bound<TValue>(TValue value)
    {
        public TValue Value { get; } = value;
    }
}
