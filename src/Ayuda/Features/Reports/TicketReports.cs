using Ayuda.Data;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Reports;

/// <summary>
/// The ticket report. Counts are GROUP BY queries. Medians cannot be computed in SQLite, and times cannot be subtracted
/// there either (instants are stored as encoded ticks), so for the times the database returns one narrow row per
/// measured ticket (its group columns and two instants, streamed, never the ticket) and the medians are taken here.
/// </summary>
public sealed class TicketReports(IDbContextFactory<AyudaDb> contexts, DeskClock desk, IStringLocalizer<Strings> l)
{
    /// <summary>A report covers at most this many days (two years), so one request cannot scan the whole history without need.</summary>
    public const int MaxDays = 731;

    /// <summary>The parameters as typed: dates <c>yyyy-MM-dd</c> (desk days, inclusive), a grouping name.</summary>
    public sealed record Query(string? From, string? To, string? GroupBy);

    /// <summary>Checks the parameters (each wrong one named) and runs the report.</summary>
    public async Task<Outcome<TicketReport>> RunAsync(Query query, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var from = Day(query.From, "from", errors);
        var to = Day(query.To, "to", errors);
        if (from is { } f && to is { } t)
        {
            if (t < f) errors["to"] = [l["Reports.ToBeforeFrom"]];
            else if (t.DayNumber - f.DayNumber + 1 > MaxDays) errors["to"] = [l["Reports.RangeTooLong", MaxDays]];
        }
        if (Grouping(query.GroupBy) is not { } grouping)
        {
            errors["groupBy"] = [l["Reports.GroupByInvalid"]];
            grouping = default;
        }
        if (errors.Count > 0)
        {
            return Outcome<TicketReport>.Invalid(errors);
        }
        return Outcome<TicketReport>.Ok(await BuildAsync(from!.Value, to!.Value, grouping, ct));
    }

    public static ReportGrouping? Grouping(string? value)
    {
        var trimmed = value?.Trim();
        return !string.IsNullOrEmpty(trimmed) && !char.IsAsciiDigit(trimmed[0]) && Enum.TryParse<ReportGrouping>(trimmed, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : null;
    }

    private DateOnly? Day(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [l["Reports.DateRequired"]];
            return null;
        }
        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            errors[field] = [l["Reports.DateInvalid", value]];
            return null;
        }
        if (!QueryValues.InRange(day))
        {
            errors[field] = [l["Reports.DateOutOfRange", value.Trim(), QueryValues.Iso(QueryValues.FirstDay), QueryValues.Iso(QueryValues.LastDay)]];
            return null;
        }
        return day;
    }

    private async Task<TicketReport> BuildAsync(DateOnly from, DateOnly to, ReportGrouping grouping, CancellationToken ct)
    {
        var start = TicketWindow.StartOf(from, desk);
        var end = TicketWindow.StartOf(to.AddDays(1), desk);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tickets = db.Tickets.AsNoTracking();
        var createdInRange = tickets.Where(t => t.CreatedAt >= start && t.CreatedAt < end);
        var created = await CountAsync(createdInRange, grouping, ct);
        var closed = await CountAsync(tickets.Where(t => t.State == TicketState.Closed && t.ClosedAt >= start && t.ClosedAt < end), grouping, ct);

        var responses = new Dictionary<string, List<double>>();
        await foreach (var r in createdInRange
            .Select(t => new
            {
                t.CustomerId, t.Classification, t.Channel, t.AssigneeId, t.ContactedAt,
                First = db.TimelineEntries
                    // The desk answering the customer, by a person (not the automatic acknowledgement): a message out, a call,
                    // a call-back made, an answer on the line.
                    .Where(e => e.TicketId == t.Id && e.ActorId != null && (e.Kind == TimelineKind.MessageOut || e.Kind == TimelineKind.CallNote
                        || e.Kind == TimelineKind.CallBackDone || e.Kind == TimelineKind.Resolved))
                    .OrderBy(e => e.Id).Select(e => (DateTimeOffset?)e.At).FirstOrDefault(),
            })
            .Where(r => r.First != null)
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            Add(responses, KeyOf(grouping, r.CustomerId, r.Classification, r.Channel, r.AssigneeId), r.First!.Value - r.ContactedAt);
        }
        var resolutions = new Dictionary<string, List<double>>();
        await foreach (var r in tickets.Where(t => t.ResolvedAt >= start && t.ResolvedAt < end)
            .Select(t => new { t.CustomerId, t.Classification, t.Channel, t.AssigneeId, t.ContactedAt, t.ResolvedAt })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            Add(resolutions, KeyOf(grouping, r.CustomerId, r.Classification, r.Channel, r.AssigneeId), r.ResolvedAt!.Value - r.ContactedAt);
        }

        var keys = created.Keys.Union(closed.Keys).Union(responses.Keys).Union(resolutions.Keys).ToList();
        var labels = await LabelsAsync(db, grouping, keys, ct);
        var rows = keys
            .Select(k => Row(k == "" ? null : k, labels[k], created.GetValueOrDefault(k), closed.GetValueOrDefault(k),
                responses.GetValueOrDefault(k) ?? [], resolutions.GetValueOrDefault(k) ?? []))
            .OrderByDescending(r => r.Created).ThenBy(r => r.Key is null).ThenBy(r => r.Label, StringComparer.CurrentCulture)
            .ToList();
        var total = Row(null, l["Reports.Total"], created.Values.Sum(), closed.Values.Sum(),
            [.. responses.Values.SelectMany(v => v)], [.. resolutions.Values.SelectMany(v => v)]);
        return new TicketReport(from, to, grouping, rows, total);
    }

    private static async Task<Dictionary<string, int>> CountAsync(IQueryable<Ticket> tickets, ReportGrouping grouping, CancellationToken ct) => grouping switch
    {
        ReportGrouping.Customer => (await tickets.GroupBy(t => t.CustomerId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(g => KeyOf(grouping, g.Key, null, default, null), g => g.Count),
        ReportGrouping.Classification => (await tickets.GroupBy(t => t.Classification).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(g => KeyOf(grouping, null, g.Key, default, null), g => g.Count),
        ReportGrouping.Channel => (await tickets.GroupBy(t => t.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(g => KeyOf(grouping, null, null, g.Key, null), g => g.Count),
        _ => (await tickets.GroupBy(t => t.AssigneeId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(g => KeyOf(grouping, null, null, default, g.Key), g => g.Count),
    };

    /// <summary>The group a ticket falls in, as text; "" for none (no customer, unclassified, unassigned).</summary>
    private static string KeyOf(ReportGrouping grouping, int? customerId, Classification? classification, Channel channel, string? assigneeId) => grouping switch
    {
        ReportGrouping.Customer => customerId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ReportGrouping.Classification => classification is { } c ? Ticket.Code(c) : "",
        ReportGrouping.Channel => Ticket.Code(channel),
        _ => assigneeId ?? "",
    };

    private async Task<Dictionary<string, string>> LabelsAsync(AyudaDb db, ReportGrouping grouping, List<string> keys, CancellationToken ct)
    {
        var labels = new Dictionary<string, string>();
        var named = keys.Where(k => k != "").ToList();
        if (grouping == ReportGrouping.Customer)
        {
            var ids = named.Select(k => int.Parse(k, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            foreach (var c in await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
            {
                labels[c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = c.Name;
            }
        }
        else if (grouping == ReportGrouping.Consultant)
        {
            foreach (var u in await db.Users.AsNoTracking().Where(u => named.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
            {
                labels[u.Id] = u.DisplayName;
            }
        }
        foreach (var k in keys.Where(k => !labels.ContainsKey(k)))
        {
            labels[k] = (k, grouping) switch
            {
                ("", ReportGrouping.Customer) => l["Reports.NoCustomer"],
                ("", ReportGrouping.Classification) => l["Tickets.Unclassified"],
                ("", _) => l["Tickets.AssigneeNone"],
                (_, ReportGrouping.Classification) => l[$"Classification.{Enum.Parse<Classification>(k, ignoreCase: true)}"],
                (_, ReportGrouping.Channel) => l[$"Channel.{Enum.Parse<Channel>(k, ignoreCase: true)}"],
                _ => k,
            };
        }
        return labels;
    }

    private static void Add(Dictionary<string, List<double>> into, string key, TimeSpan elapsed)
    {
        if (!into.TryGetValue(key, out var list))
        {
            into[key] = list = [];
        }
        list.Add(Math.Max(0, elapsed.TotalHours));
    }

    private static TicketReportRow Row(string? key, string label, int created, int closed, List<double> responses, List<double> resolutions) =>
        new(key, label, created, closed, responses.Count, Median(responses), Average(responses), resolutions.Count, Median(resolutions), Average(resolutions));

    private static double? Average(List<double> hours) => hours.Count == 0 ? null : Math.Round(hours.Average(), 2);

    private static double? Median(List<double> hours)
    {
        if (hours.Count == 0)
        {
            return null;
        }
        var sorted = hours.Order().ToList();
        var middle = sorted.Count / 2;
        return Math.Round(sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2, 2);
    }
}
