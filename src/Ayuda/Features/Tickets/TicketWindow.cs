using Ayuda.Infrastructure;

namespace Ayuda.Features.Tickets;

/// <summary>
/// The time windows a queue can be narrowed to, as the query string names them: ticket age in whole days
/// (<c>minAgeDays</c> inclusive, <c>maxAgeDays</c> exclusive, counted from the contact) and the desk's calendar days a
/// ticket was created or closed on (<c>createdFrom</c>..<c>createdTo</c>, <c>closedFrom</c>..<c>closedTo</c>, inclusive).
/// The supervision dashboard links its figures to the queue with these.
/// </summary>
public sealed record TicketWindow(
    int? MinAgeDays = null,
    int? MaxAgeDays = null,
    DateOnly? CreatedFrom = null,
    DateOnly? CreatedTo = null,
    DateOnly? ClosedFrom = null,
    DateOnly? ClosedTo = null)
{
    public const string Unclassified = "none";

    public bool IsEmpty => this == new TicketWindow();

    /// <summary>
    /// The filter narrowed to this window, with ages measured from the desk's now. Ages outside 0..36500 days and dates
    /// outside 2000..2100 are refused (a 400 naming the parameter) rather than overflowing the clock.
    /// </summary>
    public TicketFilter Apply(TicketFilter filter, DeskClock desk)
    {
        QueryValues.Days(MinAgeDays, "minAgeDays");
        QueryValues.Days(MaxAgeDays, "maxAgeDays");
        QueryValues.Day(CreatedFrom, "createdFrom");
        QueryValues.Day(CreatedTo, "createdTo");
        QueryValues.Day(ClosedFrom, "closedFrom");
        QueryValues.Day(ClosedTo, "closedTo");
        var now = desk.UtcNow;
        return filter with
        {
            ContactedBefore = MinAgeDays is { } min ? now.AddDays(-min) : filter.ContactedBefore,
            ContactedFrom = MaxAgeDays is { } max ? now.AddDays(-max) : filter.ContactedFrom,
            CreatedFrom = CreatedFrom is { } cf ? StartOf(cf, desk) : filter.CreatedFrom,
            CreatedBefore = CreatedTo is { } ct ? StartOf(ct.AddDays(1), desk) : filter.CreatedBefore,
            ClosedFrom = ClosedFrom is { } xf ? StartOf(xf, desk) : filter.ClosedFrom,
            ClosedBefore = ClosedTo is { } xt ? StartOf(xt.AddDays(1), desk) : filter.ClosedBefore,
        };
    }

    /// <summary>The instant a desk calendar day starts.</summary>
    public static DateTimeOffset StartOf(DateOnly day, DeskClock desk) => desk.FromLocal(day.ToDateTime(TimeOnly.MinValue)).ToUniversalTime();

    /// <summary>"usageQuery" → that classification; "none" → unclassified; empty → any.</summary>
    public static (Classification? Classification, bool Unclassified) ParseClassification(string? value, string parameter) =>
        string.Equals(value?.Trim(), Unclassified, StringComparison.OrdinalIgnoreCase)
            ? (null, true)
            : (QueryValues.Enum<Classification>(value, parameter), false);
}
