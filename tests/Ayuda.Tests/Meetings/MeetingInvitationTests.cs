using System.Net;
using System.Net.Http.Json;
using Ayuda.Tests.Support;
using MimeKit;
using static Ayuda.Tests.Meetings.MeetingSteps;

namespace Ayuda.Tests.Meetings;

/// <summary>
/// A new requirement gets a meeting: the invitation reaches the real mail server as a calendar invitation that a
/// calendar program reads with the right time in Buenos Aires, the right people and place; moving it updates the
/// same event (same UID, higher SEQUENCE), people taken off get a cancellation, and cancelling removes it for all.
/// </summary>
public abstract class MeetingInvitationTests(MailDesk desk)
{
    private const string Zone = "America/Argentina/Buenos_Aires";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_video_call_invitation_arrives_with_the_desk_time_the_attendees_and_the_link()
    {
        var customer = await desk.CustomerInForceAsync("Distribuidora Río Cuarto");
        var contact = await desk.ContactAsync(customer, "Carla Gómez");
        var number = await NewRequirementAsync(desk, customer, contact);

        var meeting = await ScheduleAsync(desk.Consultant, number, new
        {
            kind = "videoCall", start = Local(2, 10, 30), durationMinutes = 45, agenda = "Relevar la facturación en dólares.",
            attendees = new { contactIds = new[] { contact.Id }, staffIds = new[] { desk.UserIds["lucia"] } },
        });
        var link = meeting.Str("videoLink");
        Assert.StartsWith($"https://meet.jit.si/Ayuda-{number}-", link);
        Assert.Equal($"{Local(2, 10, 30)}:00", meeting.Str("localStart"));

        var mail = Assert.Single(await desk.SentToAsync(contact.Email, 1));
        Assert.Contains("lucia@ayuda.test", mail.To);
        Assert.Contains($"[#{number}] Invitación: Videollamada: Quieren facturar en dólares", mail.Subject);
        Assert.Contains("(hora de Buenos Aires), 45 minutos", mail.Message.TextBody);
        var attachment = Assert.Single(mail.Message.Attachments.OfType<MimePart>());
        Assert.Equal("invite.ics", attachment.FileName);
        var inline = Assert.Single(mail.Message.BodyParts.OfType<TextPart>(), p => p.ContentType.IsMimeType("text", "calendar"));
        Assert.Equal("REQUEST", inline.ContentType.Parameters["method"]);

        var calendar = CalendarOf(mail.Message);
        Assert.Equal("REQUEST", calendar.Method);
        Assert.Contains(calendar.TimeZones, z => z.TzId == Zone);
        var invitation = Assert.Single(calendar.Events);
        Assert.Equal(meeting.Str("uid"), invitation.Uid);
        Assert.Equal(0, invitation.Sequence);
        Assert.Equal(Zone, invitation.DtStart!.TzId);
        Assert.Equal((10, 30), (invitation.DtStart.Hour, invitation.DtStart.Minute));
        var startUtc = Desk.Today.AddDays(2).ToDateTime(new TimeOnly(13, 30), DateTimeKind.Utc);
        Assert.Equal(startUtc, invitation.DtStart.AsUtc);
        Assert.Equal(startUtc.AddMinutes(45), invitation.DtEnd!.AsUtc);
        Assert.Equal(link, invitation.Location);
        Assert.Equal(link, invitation.Url?.ToString());
        Assert.Contains("Relevar la facturación en dólares.", invitation.Description);
        Assert.Equal("CONFIRMED", invitation.Status);
        Assert.Equal($"mailto:{desk.Address}", $"{invitation.Organizer!.Value}", ignoreCase: true);
        Assert.Equal(
            [("Carla Gómez", $"mailto:{contact.Email}"), ("Lucía Consultora", "mailto:lucia@ayuda.test")],
            invitation.Attendees.Select(a => (a.CommonName, $"{a.Value}")).Order());
        Assert.All(invitation.Attendees, a => Assert.Equal(("REQ-PARTICIPANT", "NEEDS-ACTION", true), (a.Role, a.ParticipationStatus, a.Rsvp)));

        var timeline = await desk.TimelineAsync(number);
        Assert.Contains(timeline, e => e.Str("kind") == "meetingScheduled");
        Assert.Contains(timeline, e => e.Str("kind") == "messageOut" && e.Str("text").Contains("Invitación"));
    }

    [Fact]
    public async Task A_visit_moved_keeps_its_event_and_cancelled_leaves_every_calendar()
    {
        var customer = await desk.CustomerInForceAsync("Molinos del Sur");
        await Api.Json(await desk.Administration.PutAsJsonAsync($"/api/v1/customers/{customer.Id}", new
        {
            name = customer.Name, taxId = customer.TaxId, emailDomains = new[] { customer.Domain }, phones = new[] { new { number = customer.Phone, label = "Central" } },
            addresses = new[] { new { label = "Planta", street = "Ruta 5 km 12", city = "Olavarría", province = "Buenos Aires", postalCode = "7400" } },
        }, Ct), HttpStatusCode.OK);
        var stays = await desk.ContactAsync(customer, "Héctor Molina");
        var leaves = await desk.ContactAsync(customer, "Irene Sosa");
        var number = await NewRequirementAsync(desk, customer, stays);
        var meeting = await ScheduleAsync(desk.Consultant, number, new
        {
            kind = "visit", start = Local(3, 9), durationMinutes = 120, location = "Ruta 5 km 12, Olavarría, Buenos Aires, 7400",
            attendees = new { contactIds = new[] { stays.Id, leaves.Id } },
        });
        var id = meeting.GetProperty("id").GetInt64();
        var first = EventOf(CalendarOf(Assert.Single(await desk.SentToAsync(leaves.Email, 1)).Message));
        Assert.Equal("Ruta 5 km 12, Olavarría, Buenos Aires, 7400", first.Location);
        Assert.Null(first.Url);

        var moved = await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/meetings/{id}/reschedule", new
        {
            start = Local(4, 15), durationMinutes = 90, attendees = new { contactIds = new[] { stays.Id } }, version = meeting.GetProperty("version").GetInt32(),
        }, Ct), HttpStatusCode.OK);
        Assert.Equal(1, moved.GetProperty("sequence").GetInt32());
        var update = (await desk.SentToAsync(stays.Email, 2))[^1];
        Assert.Contains("Reunión reprogramada", update.Subject);
        var updated = CalendarOf(update.Message);
        Assert.Equal("REQUEST", updated.Method);
        Assert.Equal((first.Uid, 1), (EventOf(updated).Uid, EventOf(updated).Sequence));
        Assert.Equal(Desk.Today.AddDays(4).ToDateTime(new TimeOnly(18, 0), DateTimeKind.Utc), EventOf(updated).DtStart!.AsUtc);
        Assert.Equal(90, (int)(EventOf(updated).DtEnd!.AsUtc - EventOf(updated).DtStart!.AsUtc).TotalMinutes);
        Assert.Equal([$"mailto:{stays.Email}"], EventOf(updated).Attendees.Select(a => $"{a.Value}"));
        var withdrawnMail = (await desk.SentToAsync(leaves.Email, 2))[^1];
        Assert.Contains("Ya no es necesaria su participación", withdrawnMail.Subject);
        Assert.StartsWith("Hola:\n\nYa no es necesaria su participación en la visita del caso", withdrawnMail.Message.TextBody!.ReplaceLineEndings("\n"));
        var withdrawn = CalendarOf(withdrawnMail.Message);
        Assert.Equal(("CANCEL", first.Uid, 1), (withdrawn.Method, EventOf(withdrawn).Uid, EventOf(withdrawn).Sequence));
        Assert.Equal([$"mailto:{leaves.Email}"], EventOf(withdrawn).Attendees.Select(a => $"{a.Value}"));
        // RFC 5546 §3.2.5: uninviting some people is not cancelling the meeting, so no STATUS:CANCELLED.
        Assert.Null(EventOf(withdrawn).Status);

        await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/meetings/{id}/cancel", new { reason = "El cliente pospone el proyecto." }, Ct), HttpStatusCode.OK);
        var cancellation = (await desk.SentToAsync(stays.Email, 3))[^1];
        Assert.Contains("Reunión cancelada", cancellation.Subject);
        Assert.Contains("\nMotivo: El cliente pospone el proyecto.\n", cancellation.Message.TextBody);
        Assert.DoesNotContain("\n\n\n", cancellation.Message.TextBody);
        var cancelled = CalendarOf(cancellation.Message);
        Assert.Equal(("CANCEL", first.Uid, 2, "CANCELLED"), (cancelled.Method, EventOf(cancelled).Uid, EventOf(cancelled).Sequence, EventOf(cancelled).Status));
        Assert.Equal(2, (await desk.SentToAsync(leaves.Email)).Count);

        await Api.Problem(await desk.Consultant.PostAsJsonAsync($"/api/v1/meetings/{id}/reschedule", new { start = Local(5, 10) }, Ct), HttpStatusCode.Conflict, "ya está cancelada");
        var kinds = (await desk.TimelineAsync(number)).Select(e => e.Str("kind")).Where(k => k.StartsWith("meeting", StringComparison.Ordinal));
        Assert.Equal(["meetingScheduled", "meetingRescheduled", "meetingCancelled"], kinds);
        var ics = await desk.Consultant.GetAsync($"/api/v1/meetings/{id}/ics", Ct);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        Assert.Contains("METHOD:CANCEL", await ics.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task An_edited_invitation_template_writes_the_invitation_and_the_cancellation_and_the_calendar_still_goes()
    {
        const string url = "/api/v1/templates/meetingInvitation/es";
        var read = await Api.Json(await desk.Head.GetAsync(url, Ct), HttpStatusCode.OK);
        await Api.Json(await desk.Head.PutAsJsonAsync(url, new
        {
            version = read.GetProperty("version").GetInt32(),
            subject = "{% if meeting.change == \"cancellation\" %}Se suspende{% else %}Agenda{% endif %} {{ meeting.title }}",
            body = "{{ meeting.kind }} el {{ meeting.when }} ({{ meeting.duration }}) en {{ meeting.place }}.{% if meeting.reason != \"\" %} Motivo: {{ meeting.reason }}{% endif %}",
        }, Ct), HttpStatusCode.OK);
        try
        {
            var customer = await desk.CustomerInForceAsync("Aceitera Pampa");
            var contact = await desk.ContactAsync(customer, "Nora Díaz");
            var number = await NewRequirementAsync(desk, customer, contact, "Integrar la balanza");
            var meeting = await ScheduleAsync(desk.Consultant, number, new
            {
                kind = "visit", start = Local(5, 11), durationMinutes = 30, location = "Planta Junín", attendees = new { contactIds = new[] { contact.Id } },
            });

            var invitation = Assert.Single(await desk.SentToAsync(contact.Email, 1));
            Assert.Equal($"[#{number}] Agenda {meeting.Str("title")}", invitation.Subject);
            Assert.StartsWith("visita el ", invitation.Message.TextBody);
            Assert.EndsWith("(30 minutos) en Planta Junín.", invitation.Message.TextBody!.Trim());
            Assert.Equal("REQUEST", CalendarOf(invitation.Message).Method);

            await Api.Json(await desk.Consultant.PostAsJsonAsync($"/api/v1/meetings/{meeting.GetProperty("id").GetInt64()}/cancel", new { reason = "Feriado local." }, Ct), HttpStatusCode.OK);
            var cancellation = (await desk.SentToAsync(contact.Email, 2))[^1];
            Assert.Equal($"[#{number}] Se suspende {meeting.Str("title")}", cancellation.Subject);
            Assert.EndsWith("en Planta Junín. Motivo: Feriado local.", cancellation.Message.TextBody!.Trim());
            Assert.Equal("CANCEL", CalendarOf(cancellation.Message).Method);
        }
        finally
        {
            var saved = await Api.Json(await desk.Head.GetAsync(url, Ct), HttpStatusCode.OK);
            await Api.Json(await desk.Head.DeleteAsync($"{url}?version={saved.GetProperty("version").GetInt32()}", Ct), HttpStatusCode.OK);
        }
    }
}

public sealed class MeetingInvitationsOnSqlite(SqliteMailDesk desk) : MeetingInvitationTests(desk), IClassFixture<SqliteMailDesk>;

public sealed class MeetingInvitationsOnPostgres(PostgresMailDesk desk) : MeetingInvitationTests(desk), IClassFixture<PostgresMailDesk>;
