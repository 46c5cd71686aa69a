using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Data;
using Ayuda.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ayuda.Tests.Email;

/// <summary>
/// 131 ordinary, broken and hostile messages (tests/Ayuda.Tests/Email/Corpus, see its README) go through the raw
/// endpoint: each is imported safely, ignored as automatic, or quarantined with a reason; never a 500, never a crash.
/// </summary>
public sealed class EmailCorpusTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly AyudaApp _app = new(DatabaseProvider.Sqlite);
    private readonly WebApplicationFactory<Program> _host;

    public EmailCorpusTests() =>
        _host = _app.WithWebHostBuilder(b => b.UseSetting("Ayuda:Email:DeskAddress", "soporte@ayuda.test"));

    public void Dispose()
    {
        _host.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task Every_corpus_message_is_imported_ignored_or_quarantined_as_a_careful_desk_would()
    {
        var client = await ClientAsync();
        var corpus = Path.Combine(Repository.Root, "tests", "Ayuda.Tests", "Email", "Corpus");
        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(corpus, "manifest.json"), Ct)).RootElement;
        var wrong = new List<string>();
        var count = 0;
        foreach (var entry in manifest.EnumerateArray())
        {
            if (entry.TryGetProperty("requiresLarge", out _))
            {
                continue; // The real >25 MB case is built in memory by the test below.
            }
            count++;
            var file = entry.GetProperty("file").GetString()!;
            var expect = entry.GetProperty("expect").GetString()!;
            var response = await client.PostAsync("/api/v1/channels/email/raw",
                new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(corpus, file), Ct)), Ct);
            if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
            {
                wrong.Add($"{file}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                continue;
            }
            var result = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            var outcome = result.GetProperty("outcome").GetString();
            var category = outcome switch
            {
                "newTicket" or "joined" => "import",
                "ignored" or "bounced" => "ignore",
                "quarantined" => "quarantine",
                _ => outcome,
            };
            if (category != expect)
            {
                wrong.Add($"{file}: expected {expect}, got {outcome} ({result.GetProperty("reason")})");
                continue;
            }
            if (category == "quarantine" && string.IsNullOrWhiteSpace(result.GetProperty("reason").GetString()))
            {
                wrong.Add($"{file}: quarantined without a reason for the person who reviews it");
            }
            if (category == "import")
            {
                wrong.AddRange(await CheckImportAsync(client, file, result.GetProperty("ticketNumber").GetString()!, entry.GetProperty("checks")));
            }
        }
        Assert.True(count >= 130, $"Only {count} corpus messages were found.");
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public async Task A_message_over_the_size_limit_is_quarantined_with_the_reason()
    {
        var client = await ClientAsync();
        var big = new MimeKit.MimeMessage();
        big.From.Add(MimeKit.MailboxAddress.Parse("ana@example.com"));
        big.To.Add(MimeKit.MailboxAddress.Parse("soporte@ayuda.test"));
        big.Subject = "Adjunto muy grande";
        var builder = new MimeKit.BodyBuilder { TextBody = "Va el backup." };
        builder.Attachments.Add("backup.bin", new byte[20 * 1024 * 1024]);
        big.Body = builder.ToMessageBody();
        using var raw = new MemoryStream();
        await big.WriteToAsync(raw, Ct);
        Assert.True(raw.Length > 25 * 1024 * 1024, "The test message must be over the default 25 MB limit.");

        var response = await client.PostAsync("/api/v1/channels/email/raw", new ByteArrayContent(raw.ToArray()), Ct);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("quarantined", result.GetProperty("outcome").GetString());
        Assert.Contains("limit", result.GetProperty("reason").GetString());
    }

    private static async Task<List<string>> CheckImportAsync(HttpClient client, string file, string number, JsonElement checks)
    {
        var wrong = new List<string>();
        var messages = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{number}/messages", Ct);
        var message = messages.EnumerateArray().Last(m => m.GetProperty("direction").GetString() == "in");
        string Str(string name) => message.GetProperty(name).ValueKind == JsonValueKind.String ? message.GetProperty(name).GetString()! : "";
        var files = message.GetProperty("attachments").EnumerateArray().ToList();
        foreach (var check in checks.EnumerateObject())
        {
            switch (check.Name)
            {
                case "subject" when Str("subject") != Clip(check.Value.GetString()!, 300):
                    wrong.Add($"{file}: subject '{Str("subject")}' instead of '{check.Value.GetString()}'");
                    break;
                case "from" when !Str("from").Contains(check.Value.GetString()!, StringComparison.OrdinalIgnoreCase):
                    wrong.Add($"{file}: from '{Str("from")}' does not name {check.Value.GetString()}");
                    break;
                case "fromName" when !Str("from").Contains(check.Value.GetString()!, StringComparison.Ordinal):
                    wrong.Add($"{file}: from '{Str("from")}' lacks the name '{check.Value.GetString()}'");
                    break;
                case "bodyContains" when !(Str("text") + "\n" + Str("quotedText")).Contains(check.Value.GetString()!, StringComparison.Ordinal):
                    wrong.Add($"{file}: text lacks '{check.Value.GetString()}'");
                    break;
                case "bodyNotContains":
                    foreach (var bad in check.Value.EnumerateArray().Select(v => v.GetString()!))
                    {
                        if (Str("html").Contains(bad, StringComparison.OrdinalIgnoreCase))
                        {
                            wrong.Add($"{file}: sanitised HTML still contains '{bad}'");
                        }
                    }
                    break;
                case "attachments" when files.Count(f => !f.GetProperty("inline").GetBoolean()) != check.Value.GetInt32():
                    wrong.Add($"{file}: {files.Count(f => !f.GetProperty("inline").GetBoolean())} attachments instead of {check.Value.GetInt32()}");
                    break;
                case "attachmentNames":
                    var names = files.Where(f => !f.GetProperty("inline").GetBoolean()).Select(f => f.GetProperty("fileName").GetString()).ToList();
                    var expected = check.Value.EnumerateArray().Select(v => v.GetString()).ToList();
                    if (!names.SequenceEqual(expected))
                    {
                        wrong.Add($"{file}: attachment names [{string.Join(", ", names)}] instead of [{string.Join(", ", expected)}]");
                    }
                    break;
                case "attachmentNameMaxLength" when files.Any(f => f.GetProperty("fileName").GetString()!.Length > check.Value.GetInt32()):
                    wrong.Add($"{file}: an attachment name is longer than {check.Value.GetInt32()}");
                    break;
                case "inlineImages" when files.Count(f => f.GetProperty("inline").GetBoolean()) != check.Value.GetInt32():
                    wrong.Add($"{file}: {files.Count(f => f.GetProperty("inline").GetBoolean())} inline images instead of {check.Value.GetInt32()}");
                    break;
            }
        }
        return wrong;
    }

    private static string Clip(string value, int max) => value.Length > max ? value[..max] : value;

    private async Task<HttpClient> ClientAsync()
    {
        var token = await _host.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = AyudaApp.AdminEmail, password = AyudaApp.AdminPassword }, Ct);
        var body = await token.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var client = _host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("token").GetString());
        return client;
    }
}

/// <summary>The folder holding Ayuda.slnx, found upwards from the test output.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ayuda.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Ayuda.slnx not found above " + AppContext.BaseDirectory);
    }
}
