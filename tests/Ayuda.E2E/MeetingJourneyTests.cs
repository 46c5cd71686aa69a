using System.Text.Json.Nodes;
using Ayuda.Features.Customers;
using Ayuda.Tests.Support;
using Microsoft.Playwright;
using MimeKit;
using static Ayuda.E2E.Journey;
using static Microsoft.Playwright.Assertions;

namespace Ayuda.E2E;

/// <summary>
/// A new requirement end to end: the consultant schedules a video call for tomorrow from the ticket with the
/// customer's contact and a colleague, sees it on the ticket and in the week's calendar, and the invitation reaches
/// the real mail server as a calendar invitation.
/// </summary>
public sealed class MeetingJourneyTests(BrowserFixture fixture, MailServers mail) : IClassFixture<BrowserFixture>
{
    private const string Password = "Desk-E2e-2026x";

    [Fact]
    public async Task A_consultant_schedules_a_video_call_for_a_new_requirement_and_the_invitation_goes_out()
    {
        var api = new DeskApi(fixture.BaseUrl);
        var settings = JsonNode.Parse((await api.GetAsync("/api/v1/settings/email")).GetRawText())!;
        settings["smtp"] = new JsonObject { ["host"] = mail.SmtpHost, ["port"] = mail.SmtpPort, ["security"] = "none", ["user"] = "" };
        await api.SendAsync(HttpMethod.Put, "/api/v1/settings/email", settings);

        var consultant = await api.StaffAsync("Sofía Ramos", Password, "Consultant");
        await api.StaffAsync("Tomás Benítez", Password, "Consultant");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Argentina/Buenos_Aires")).DateTime);
        var customer = await api.CustomerAsync("Transportes del Litoral", Cuit.Complete("3071888990")!);
        var email = $"sistemas{Guid.NewGuid().ToString("N")[..6]}@litoral.example.com";
        var contact = (await api.SendAsync(HttpMethod.Post, $"/api/v1/customers/{customer}/contacts", new { name = "Rocío Benítez", emails = new[] { email } })).GetProperty("id").GetInt32();
        await api.AgreementAsync(customer, today.AddMonths(-1), today.AddMonths(11));
        var ticket = (await api.SendAsync(HttpMethod.Post, "/api/v1/intake",
            new { channel = "phone", customerId = customer, contactId = contact, subject = "Quieren seguir los camiones en el mapa", description = "Piden una reunión." })).GetProperty("number").GetString()!;

        var page = await fixture.NewPageAsync();
        try
        {
            await LoginAsync(page, consultant, Password);
            await OpenAsync(page, $"/tickets/{ticket}");
            await page.GetByTestId("ticket-actions").GetByRole(AriaRole.Button, new() { Name = "Tomar" }).ClickAsync();
            await Expect(page.GetByTestId("ticket-state")).ToHaveTextAsync("En curso");
            await ChooseAsync(page, page.GetByTestId("ticket-actions"), "Clasificación", "Nuevo requerimiento");
            await Expect(page.GetByTestId("ticket-classification")).ToHaveTextAsync("Nuevo requerimiento");

            // The dialog proposes tomorrow at 10:00, a video call with its own link, the ticket's contact and the consultant.
            await page.GetByTestId("schedule-meeting").ClickAsync();
            var dialog = page.GetByTestId("meeting-dialog");
            await Expect(Input(page, "meeting-link")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"^https://meet\\.jit\\.si/Ayuda-{ticket}-"));
            await Expect(Input(page, $"meeting-contact-{contact}")).ToBeCheckedAsync();
            await ChooseAsync(page, dialog, "Personas de la mesa", "Tomás Benítez");
            await page.Keyboard.PressAsync("Escape");
            await Input(page, "meeting-agenda").FillAsync("Qué datos del GPS quieren ver y quién los mira.");
            await BrowserFixture.ScreenshotAsync(page, "79-meeting-dialog.png");
            await page.GetByTestId("meeting-save").ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);

            var panel = page.GetByTestId("ticket-meetings");
            await Expect(panel.GetByTestId("meeting-title")).ToHaveTextAsync("Videollamada: Quieren seguir los camiones en el mapa");
            await Expect(panel.GetByTestId("meeting-when")).ToContainTextAsync($"{today.AddDays(1):dd/MM/yyyy} 10:00");
            await Expect(panel.GetByTestId("meeting-attendees")).ToContainTextAsync("Rocío Benítez");
            await Expect(panel.GetByTestId("meeting-attendees")).ToContainTextAsync("Tomás Benítez");
            await Expect(page.GetByTestId("timeline")).ToContainTextAsync("Programó la reunión «Videollamada: Quieren seguir los camiones en el mapa»");
            await BrowserFixture.ScreenshotAsync(page, "80-meeting-on-ticket.png");

            // The week's calendar shows it on tomorrow's column (next week's, when today is Sunday).
            await OpenAsync(page, "/meetings/calendar");
            if (today.DayOfWeek == DayOfWeek.Sunday)
            {
                await page.GetByTestId("calendar-next").ClickAsync();
            }
            var tomorrow = page.Locator($"[data-testid='calendar-day'][data-date='{today.AddDays(1):yyyy-MM-dd}']");
            await Expect(tomorrow.GetByTestId("calendar-meeting")).ToContainTextAsync("10:00 Videollamada: Quieren seguir los camiones en el mapa");
            await BrowserFixture.ScreenshotAsync(page, "81-meeting-calendar-week.png");
            await tomorrow.GetByTestId("calendar-meeting").ClickAsync();
            await Expect(page.GetByTestId("ticket-number")).ToHaveTextAsync(ticket);

            var invitation = await WaitForMailAsync(email);
            var calendarPart = Assert.Single(invitation.Message.BodyParts.OfType<TextPart>(), p => p.ContentType.IsMimeType("text", "calendar"));
            Assert.Equal("REQUEST", calendarPart.ContentType.Parameters["method"]);
            var calendarEvent = Assert.Single(Ical.Net.Calendar.Load(calendarPart.Text)!.Events)!;
            Assert.Equal((10, 0), (calendarEvent.DtStart!.Hour, calendarEvent.DtStart.Minute));
            Assert.Equal(3, calendarEvent.Attendees.Count);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private async Task<SentMail> WaitForMailAsync(string address)
    {
        for (var i = 0; i < 150; i++)
        {
            if ((await mail.SentAsync()).FirstOrDefault(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase)) is { } sent)
            {
                return sent;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"No invitation to {address} arrived.");
    }
}
