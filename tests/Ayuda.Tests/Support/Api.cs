using System.Net;
using System.Text.Json;

namespace Ayuda.Tests.Support;

/// <summary>Reading answers the way a client of the API reads them.</summary>
public static class Api
{
    /// <summary>The body as JSON, after checking the status (the body is in the failure message).</summary>
    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>An RFC 7807 answer with the status and a detail containing <paramref name="detailContains"/>.</summary>
    public static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status, string? detailContains = null)
    {
        var body = await Json(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        if (detailContains is not null)
        {
            Assert.Contains(detailContains, body.GetProperty("detail").GetString());
        }
        return body;
    }

    /// <summary>A 400 validation problem; the messages for <paramref name="field"/>.</summary>
    public static async Task<string[]> FieldErrors(HttpResponseMessage response, string field)
    {
        var body = await Problem(response, HttpStatusCode.BadRequest);
        Assert.True(body.TryGetProperty("errors", out var errors), $"No field errors in {body}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No error for '{field}' in {errors}");
        return [.. messages.EnumerateArray().Select(m => m.GetString()!)];
    }

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static IEnumerable<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray();
}
