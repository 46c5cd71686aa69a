namespace Ayuda.Features.Reports;

/// <summary>What the ticket report groups by.</summary>
public enum ReportGrouping
{
    Customer,
    Classification,
    Channel,
    Consultant,
}

/// <summary>
/// One group of the report. <see cref="Created"/>: tickets created in the range; <see cref="Closed"/>: closed in it;
/// first response over tickets created in the range that got one (from the contact to the first reply or call from
/// staff); resolution over tickets resolved in the range (from the contact to the resolution). Hours, two decimals;
/// null when there is nothing to measure.
/// </summary>
public sealed record TicketReportRow(
    string? Key,
    string Label,
    int Created,
    int Closed,
    int Responded,
    double? FirstResponseMedianHours,
    double? FirstResponseAverageHours,
    int Resolved,
    double? ResolutionMedianHours,
    double? ResolutionAverageHours);

/// <summary>The report over desk days <see cref="From"/>..<see cref="To"/> (inclusive): a row per group and the total.</summary>
public sealed record TicketReport(DateOnly From, DateOnly To, ReportGrouping GroupBy, IReadOnlyList<TicketReportRow> Rows, TicketReportRow Total);
