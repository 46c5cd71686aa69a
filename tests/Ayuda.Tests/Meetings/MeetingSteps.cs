using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Tests.Support;
using MimeKit;

namespace Ayuda.Tests.Meetings;

/// <summary>The steps meeting tests share: a new-requirement ticket ready for a meeting, scheduling it, reading an invitation.</summary>
internal static class MeetingSteps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static readonly TimeZoneInfo BuenosAires = TimeZoneInfo.FindSystemTimeZoneById("America/Argentina/Buenos_Aires");

    /// <summary>A ticket of <paramref name="customer"/> from <paramref name="contact"/>, taken by Diego and classified as a new requirement.</summary>
    public static async Task<string> NewRequirementAsync(Desk desk, Customer customer, Contact contact, string subject = "Quieren facturar en dólares")
    {
        var number = (await desk.IntakeAsync(new { channel = "phone", customerId = customer.Id, contactId = contact.Id, subject, description = "Piden un relevamiento." })).Str("number");
        await Api.Json(await desk.Consultant.PostAsync($"/api/v1/tickets/{number}/take", null, Ct), HttpStatusCode.OK);
        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/tickets/{number}/classify", new { classification = "newRequirement" }, Ct), HttpStatusCode.OK);
        return number;
    }

    /// <summary>A desk wall-clock time <paramref name="days"/> from today, as the API takes it without an offset.</summary>
    public static string Local(int days, int hour, int minute = 0) => $"{Desk.Today.AddDays(days):yyyy-MM-dd}T{hour:D2}:{minute:D2}";

    public static async Task<JsonElement> ScheduleAsync(HttpClient client, string number, object body, HttpStatusCode expected = HttpStatusCode.Created) =>
        await Api.Json(await client.PostAsJsonAsync($"/api/v1/tickets/{number}/meetings", body, Ct), expected);

    /// <summary>The calendar a mail carries inline, parsed as a calendar program would.</summary>
    public static Ical.Net.Calendar CalendarOf(MimeMessage message)
    {
        var part = Assert.Single(message.BodyParts.OfType<TextPart>(), p => p.ContentType.IsMimeType("text", "calendar"));
        return Ical.Net.Calendar.Load(part.Text)!;
    }

    /// <summary>The one event an invitation carries.</summary>
    public static Ical.Net.CalendarComponents.CalendarEvent EventOf(Ical.Net.Calendar calendar) => Assert.Single(calendar.Events)!;
}
