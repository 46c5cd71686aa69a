using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Supervision;

/// <summary>
/// The head's ticket report over the known week of <see cref="SupervisionData"/>: counts, first response and
/// resolution (median and average, hours) exact per customer, consultant and classification; the same figures in CSV
/// and Excel; clear 400s for wrong parameters and 403 for everyone but the head.
/// </summary>
public abstract class ReportsTests(SupervisionData data) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient _rnd = null!;

    public async ValueTask InitializeAsync() => _rnd = await data.Desk.StaffAsync($"rnd{Desk.Next()}", "Roberto Desarrollo", "RnDManager");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static readonly TimeZoneInfo BuenosAires = TimeZoneInfo.FindSystemTimeZoneById("America/Argentina/Buenos_Aires");

    private static string Day(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, BuenosAires).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The whole data set: from before the back-dated contact to the last day.</summary>
    private string Range => $"from={Day(data.T0.AddDays(-40))}&to={Day(data.End)}";

    private async Task<JsonElement> ReportAsync(string groupBy) =>
        await Api.Json(await data.Desk.Head.GetAsync($"/api/v1/reports/tickets?{Range}&groupBy={groupBy}", Ct), HttpStatusCode.OK);

    private static JsonElement RowOf(JsonElement report, string label) =>
        Assert.Single(report.GetProperty("rows").EnumerateArray(), r => r.Str("label") == label);

    private static (int Created, int Closed, double? FirstMedian, double? FirstAverage, double? ResolutionMedian, double? ResolutionAverage) Figures(JsonElement row) =>
        (row.GetProperty("created").GetInt32(), row.GetProperty("closed").GetInt32(), Hours(row, "firstResponseMedianHours"), Hours(row, "firstResponseAverageHours"),
            Hours(row, "resolutionMedianHours"), Hours(row, "resolutionAverageHours"));

    private static double? Hours(JsonElement row, string name) => row.GetProperty(name).ValueKind == JsonValueKind.Null ? null : row.GetProperty(name).GetDouble();

    [Fact]
    public async Task By_customer_counts_tickets_and_measures_first_response_and_resolution_in_hours()
    {
        var report = await ReportAsync("customer");
        Assert.Equal("customer", report.Str("groupBy"));
        // Ferretería: A1 answered 2 h after the contact, A2 called back after 3 h; A1 resolved in 2 h. A3 never answered.
        Assert.Equal((3, 1, 2.5, 2.5, 2.0, 2.0), Figures(RowOf(report, "Ferretería Sur")));
        // Clínica: B1 answered and resolved 6 h after the contact; B2 and B3 wait.
        Assert.Equal((3, 1, 6.0, 6.0, 6.0, 6.0), Figures(RowOf(report, "Clínica Norte")));
        Assert.Equal((1, 0, null, null, null, null), Figures(RowOf(report, "Óptica Vencida")));
        Assert.Equal((7, 2, 3.0, 3.67, 4.0, 4.0), Figures(report.GetProperty("total")));
    }

    [Fact]
    public async Task By_consultant_and_by_classification_group_the_same_tickets_differently()
    {
        var consultants = await ReportAsync("consultant");
        Assert.Equal((2, 1, 2.5, 2.5, 2.0, 2.0), Figures(RowOf(consultants, "Diego Consultor")));
        Assert.Equal((1, 1, 6.0, 6.0, 6.0, 6.0), Figures(RowOf(consultants, "Lucía Consultora")));
        Assert.Equal((4, 0, null, null, null, null), Figures(RowOf(consultants, "Sin asignar")));

        var classifications = await ReportAsync("classification");
        Assert.Equal((2, 2, 4.0, 4.0, 4.0, 4.0), Figures(RowOf(classifications, "Consulta de uso")));
        Assert.Equal((1, 0, 3.0, 3.0, null, null), Figures(RowOf(classifications, "Error")));
        Assert.Equal((4, 0, null, null, null, null), Figures(RowOf(classifications, "Sin clasificar")));

        var channels = await ReportAsync("channel");
        Assert.Equal(7, Assert.Single(channels.GetProperty("rows").EnumerateArray()).GetProperty("created").GetInt32());
    }

    [Fact]
    public async Task A_range_counts_only_what_happened_in_it()
    {
        // The last day alone: only B3 was created then, nothing closed or resolved.
        var lastDay = Day(data.End);
        var report = await Api.Json(await data.Desk.Head.GetAsync($"/api/v1/reports/tickets?from={lastDay}&to={lastDay}&groupBy=customer", Ct), HttpStatusCode.OK);
        var row = Assert.Single(report.GetProperty("rows").EnumerateArray());
        Assert.Equal("Clínica Norte", row.Str("label"));
        Assert.Equal((1, 0, null, null, null, null), Figures(row));
    }

    [Fact]
    public async Task The_csv_has_a_header_a_line_per_group_and_the_total_with_numbers_a_spreadsheet_reads()
    {
        var response = await data.Desk.Head.GetAsync($"/api/v1/reports/tickets?{Range}&groupBy=consultant&format=csv", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"Consultor\",\"Creados\",\"Cerrados\",\"Con primera respuesta\",\"Primera respuesta, mediana (h)\",\"Primera respuesta, promedio (h)\"," +
            "\"Resueltos\",\"Resolución, mediana (h)\",\"Resolución, promedio (h)\"", lines[0]);
        Assert.Contains("\"Diego Consultor\",2,1,2,2.5,2.5,1,2,2", lines);
        Assert.Contains("\"Lucía Consultora\",1,1,1,6,6,1,6,6", lines);
        Assert.Contains("\"Sin asignar\",4,0,0,,,0,,", lines);
        Assert.Equal("\"Total\",7,2,3,3,3.67,2,4,4", lines[^1]);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public async Task The_excel_file_opens_as_a_workbook_with_the_same_figures_as_numbers()
    {
        var response = await data.Desk.Head.GetAsync($"/api/v1/reports/tickets?{Range}&groupBy=customer&format=xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var rows = Sheet(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(["Cliente", "Creados", "Cerrados", "Con primera respuesta", "Primera respuesta, mediana (h)", "Primera respuesta, promedio (h)",
            "Resueltos", "Resolución, mediana (h)", "Resolución, promedio (h)"], rows[0]);
        Assert.Contains(["Ferretería Sur", "3", "1", "2", "2.5", "2.5", "1", "2", "2"], rows);
        Assert.Contains(["Óptica Vencida", "1", "0", "0", "", "", "0", "", ""], rows);
        Assert.Equal(["Total", "7", "2", "3", "3", "3.67", "2", "4", "4"], rows[^1]);
    }

    [Fact]
    public async Task Accept_text_csv_answers_the_csv_without_a_format_parameter()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/reports/tickets?{Range}&groupBy=channel");
        request.Headers.Accept.ParseAdd("text/csv");
        var response = await data.Desk.Head.SendAsync(request, Ct);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"Teléfono\",7,", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Wrong_parameters_get_a_400_that_names_each_field()
    {
        var head = data.Desk.Head;
        Assert.Contains("aaaa-mm-dd", Assert.Single(await Api.FieldErrors(await head.GetAsync("/api/v1/reports/tickets?from=31/12/2026&to=2026-12-31&groupBy=customer", Ct), "from")));
        var missing = await Api.Problem(await head.GetAsync("/api/v1/reports/tickets", Ct), HttpStatusCode.BadRequest);
        Assert.Equal(["from", "groupBy", "to"], missing.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToArray());
        Assert.Contains("anterior", Assert.Single(await Api.FieldErrors(await head.GetAsync("/api/v1/reports/tickets?from=2026-12-31&to=2026-12-01&groupBy=customer", Ct), "to")));
        Assert.Contains("731", Assert.Single(await Api.FieldErrors(await head.GetAsync("/api/v1/reports/tickets?from=2020-01-01&to=2026-12-01&groupBy=customer", Ct), "to")));
        Assert.Contains("consultant", Assert.Single(await Api.FieldErrors(await head.GetAsync("/api/v1/reports/tickets?from=2026-12-01&to=2026-12-01&groupBy=priority", Ct), "groupBy")));
        Assert.Contains("xlsx", Assert.Single(await Api.FieldErrors(await head.GetAsync("/api/v1/reports/tickets?from=2026-12-01&to=2026-12-01&groupBy=customer&format=pdf", Ct), "format")));
    }

    [Theory]
    [InlineData("from=9999-12-31&to=9999-12-31", "from")]
    [InlineData("from=2026-12-01&to=9999-12-31", "to")]
    [InlineData("from=1999-12-31&to=2000-01-05", "from")]
    [InlineData("from=2100-12-01&to=2101-01-01", "to")]
    public async Task Dates_outside_2000_to_2100_get_a_400_naming_the_field_not_a_server_error(string range, string field)
    {
        var response = await data.Desk.Head.GetAsync($"/api/v1/reports/tickets?{range}&groupBy=customer", Ct);
        Assert.Contains("usá una fecha entre 2000-01-01 y 2100-12-31", Assert.Single(await Api.FieldErrors(response, field)));
    }

    [Fact]
    public async Task The_last_allowed_day_is_answered()
    {
        var report = await Api.Json(await data.Desk.Head.GetAsync("/api/v1/reports/tickets?from=2100-12-31&to=2100-12-31&groupBy=customer", Ct), HttpStatusCode.OK);
        Assert.Empty(report.GetProperty("rows").EnumerateArray());
    }

    [Fact]
    public async Task Customer_names_that_look_like_formulas_reach_the_files_as_text_a_spreadsheet_does_not_run()
    {
        // A day of its own after the known week, so the other tests' figures do not change (the clock only moves forward).
        var day = data.End.AddDays(1);
        if (data.Clock.GetUtcNow() < day)
        {
            data.Clock.SetUtcNow(day);
        }
        const string Hyperlink = "=HYPERLINK(\"http://x\",\"y\")";
        const string Sum = "@SUM(1+1)";
        foreach (var name in new[] { Hyperlink, Sum })
        {
            var customer = await data.Desk.CustomerInForceAsync(name);
            await data.Desk.IntakeAsync(new { channel = "phone", customerId = customer.Id, subject = "Fórmula", description = "d" });
        }
        var query = $"/api/v1/reports/tickets?from={Day(data.Clock.GetUtcNow())}&to={Day(data.Clock.GetUtcNow())}&groupBy=customer";

        var csv = await data.Desk.Head.GetAsync($"{query}&format=csv", Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync(Ct))[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // Quoted, quotes doubled, and an apostrophe first: the cell is text, the formula is not run.
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1,0,0,,,0,,", lines);
        Assert.Contains("\"'@SUM(1+1)\",1,0,0,,,0,,", lines);

        var xlsx = await data.Desk.Head.GetAsync($"{query}&format=xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync(Ct);
        var rows = Sheet(bytes);
        Assert.Contains([Hyperlink, "1", "0", "0", "", "", "0", "", ""], rows);
        Assert.Contains([Sum, "1", "0", "0", "", "", "0", "", ""], rows);
        // No cell of the sheet has a formula (only an <f> element holds one); the names are string values (MiniExcel writes
        // them as t="str" with the text in <v>, which a spreadsheet shows as it is).
        using var zip = new ZipArchive(new MemoryStream(bytes));
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var sheet = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        Assert.Empty(sheet.Descendants(ns + "f"));
        var names = sheet.Descendants(ns + "row").Skip(1).Select(r => r.Elements(ns + "c").First()).ToList();
        Assert.All(names, c => Assert.Contains((string?)c.Attribute("t"), new[] { "s", "inlineStr", "str" }));
    }

    [Fact]
    public async Task Only_the_head_of_implementation_sees_reports_and_the_dashboard()
    {
        var desk = data.Desk;
        foreach (var client in new[] { desk.Consultant, desk.Administration, desk.ProjectManager, desk.Admin, _rnd })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/reports/tickets?{Range}&groupBy=customer", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/supervision/summary", Ct)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await desk.Head.GetAsync("/api/v1/supervision/summary", Ct)).StatusCode);
    }

    /// <summary>The first sheet's rows as text, read straight from the package's XML (shared or inline strings, numbers).</summary>
    private static List<string[]> Sheet(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var shared = zip.GetEntry("xl/sharedStrings.xml") is { } entry
            ? XDocument.Load(entry.Open()).Descendants(ns + "si").Select(si => string.Concat(si.Descendants(ns + "t").Select(t => t.Value))).ToList()
            : [];
        var sheet = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var rows = new List<string[]>();
        foreach (var row in sheet.Descendants(ns + "row"))
        {
            var cells = new SortedDictionary<int, string>();
            foreach (var c in row.Elements(ns + "c"))
            {
                var column = ColumnIndex((string)c.Attribute("r")!);
                var type = (string?)c.Attribute("t");
                var value = type switch
                {
                    "s" => shared[int.Parse(c.Element(ns + "v")!.Value, CultureInfo.InvariantCulture)],
                    "inlineStr" => string.Concat(c.Descendants(ns + "t").Select(t => t.Value)),
                    _ => c.Element(ns + "v")?.Value ?? "",
                };
                cells[column] = value;
            }
            var width = cells.Count == 0 ? 0 : cells.Keys.Max() + 1;
            rows.Add([.. Enumerable.Range(0, Math.Max(width, 9)).Select(i => cells.GetValueOrDefault(i, ""))]);
        }
        return rows;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsAsciiLetter))
        {
            index = index * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        }
        return index - 1;
    }
}

public sealed class ReportsOnSqlite(SqliteSupervisionData data) : ReportsTests(data), IClassFixture<SqliteSupervisionData>;

public sealed class ReportsOnPostgres(PostgresSupervisionData data) : ReportsTests(data), IClassFixture<PostgresSupervisionData>;
