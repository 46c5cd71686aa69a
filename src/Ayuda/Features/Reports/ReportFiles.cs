using System.Globalization;
using System.Text;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Ayuda.Features.Reports;

/// <summary>
/// The report as a file: CSV (RFC 4180, UTF-8 with a BOM so Excel reads accents, numbers with a dot) or an Excel
/// workbook (real numbers in cells, written by MiniExcel). Headers in the reader's language; the total comes last.
/// </summary>
public static class ReportFiles
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FileName(TicketReport report, string extension) =>
        $"tickets-{report.GroupBy.ToString().ToLowerInvariant()}-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}.{extension}";

    public static byte[] Csv(TicketReport report, IStringLocalizer<Strings> l)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Headers(report, l).Select(Quote)).Append("\r\n");
        foreach (var row in report.Rows.Append(report.Total))
        {
            text.AppendJoin(',', Cells(row).Select(c => c switch
            {
                null => "",
                string s => Quote(s),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => Quote(c.ToString() ?? ""),
            })).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(TicketReport report, IStringLocalizer<Strings> l)
    {
        var headers = Headers(report, l);
        var rows = report.Rows.Append(report.Total).Select(row =>
        {
            var cells = Cells(row);
            var line = new Dictionary<string, object?>();
            for (var i = 0; i < headers.Count; i++)
            {
                line[headers[i]] = cells[i];
            }
            return line;
        }).ToList();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows, sheetName: l["Reports.SheetName"], excelType: MiniExcelLibs.ExcelType.XLSX);
        return stream.ToArray();
    }

    private static List<string> Headers(TicketReport report, IStringLocalizer<Strings> l) =>
    [
        l[$"ReportGrouping.{report.GroupBy}"], l["Reports.Created"], l["Reports.Closed"], l["Reports.Responded"],
        l["Reports.FirstResponseMedian"], l["Reports.FirstResponseAverage"], l["Reports.Resolved"],
        l["Reports.ResolutionMedian"], l["Reports.ResolutionAverage"],
    ];

    private static object?[] Cells(TicketReportRow row) =>
    [
        row.Label, row.Created, row.Closed, row.Responded, row.FirstResponseMedianHours, row.FirstResponseAverageHours,
        row.Resolved, row.ResolutionMedianHours, row.ResolutionAverageHours,
    ];

    /// <summary>Every text is quoted; a cell that starts like a formula gets a leading apostrophe so a spreadsheet never runs it.</summary>
    private static string Quote(string value)
    {
        var safe = value.Length > 0 && "=+-@\t\r".Contains(value[0]) ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"") + "\"";
    }
}
