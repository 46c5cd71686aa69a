using System.Net;
using System.Text.Json;
using Ayuda.Tests.Support;
using MimeKit;
using static Ayuda.Tests.Meetings.MeetingSteps;

namespace Ayuda.Tests.Meetings;

/// <summary>
/// Attendees answer invitations from their calendar program, which mails an iMIP REPLY to the organizer — the desk's
/// own mailbox. The answer is recorded on the meeting and the ticket's timeline; it never opens, joins or reopens a
/// ticket as if the customer had written.
/// </summary>
public abstract class MeetingReplyTests(MailDesk desk)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What a calendar program sends back: the invitation's event with only the one attendee and their answer.</summary>
    private static MimeMessage Answer(string from, string to, Ical.Net.Calendar invitation, string response)
    {
        var calendar = new Ical.Net.Calendar { Method = "REPLY", ProductId = "-//Calendario del cliente//ES" };
        var original = EventOf(invitation);
        var reply = new Ical.Net.CalendarComponents.CalendarEvent
        {
            Uid = original.Uid, Sequence = original.Sequence, DtStart = original.DtStart, DtEnd = original.DtEnd, Summary = original.Summary,
            Organizer = original.Organizer, DtStamp = new Ical.Net.DataTypes.CalDateTime(DateTime.UtcNow, true),
        };
        reply.Attendees.Add(new Ical.Net.DataTypes.Attendee($"mailto:{from}") { ParticipationStatus = response });
        calendar.Events.Add(reply);
        var ics = new Ical.Net.Serialization.CalendarSerializer().SerializeToString(calendar)!;
        var part = new TextPart("calendar") { Text = ics };
        part.ContentType.Parameters.Add("method", "REPLY");
        var message = Letters.Mail(from, to, $"Aceptado: {original.Summary}");
        message.Body = new MultipartAlternative { new TextPart("plain") { Text = "Acepté esta invitación." }, part };
        return message;
    }

    [Fact]
    public async Task An_acceptance_is_recorded_on_the_meeting_and_opens_no_ticket_while_someone_elses_answer_counts_for_nothing()
    {
        var customer = await desk.CustomerInForceAsync("Cooperativa Agrícola Armstrong");
        var contact = await desk.ContactAsync(customer, "Nora Giménez");
        var number = await NewRequirementAsync(desk, customer, contact, "Quieren liquidar granos por contrato");
        var meeting = await ScheduleAsync(desk.Consultant, number, new
        {
            kind = "visit", start = Local(3, 9), durationMinutes = 120, location = "Ruta 178 km 2, Armstrong",
            attendees = new { contactIds = new[] { contact.Id } },
        });
        var invitation = CalendarOf((await desk.SentToAsync(contact.Email, 1))[0].Message);

        // Someone who was not invited answers for Nora: nothing is recorded, and no ticket is opened either.
        var stranger = Letters.NewSender("curioso");
        await desk.DeliverAndWaitAsync(Answer(stranger, desk.Address, invitation, "DECLINED"));
        await desk.DeliverAndWaitAsync(Answer(contact.Email, desk.Address, invitation, "ACCEPTED"));

        var after = await Api.Json(await desk.Consultant.GetAsync($"/api/v1/meetings/{meeting.GetProperty("id").GetInt64()}", Ct), HttpStatusCode.OK);
        var nora = Assert.Single(after.GetProperty("attendees").EnumerateArray());
        Assert.Equal("accepted", nora.Str("response"));
        Assert.NotEqual(JsonValueKind.Null, nora.GetProperty("respondedAt").ValueKind);
        var timeline = await desk.TimelineAsync(number);
        var answered = Assert.Single(timeline, e => e.Str("kind") == "meetingReplied");
        Assert.Equal("accepted", answered.Str("from"));
        Assert.DoesNotContain(timeline, e => e.Str("kind") == "messageIn");
        Assert.Equal("inProgress", (await desk.TicketAsync(number)).Str("state"));
        Assert.Empty(await desk.TicketsFromAsync(contact.Email));
        Assert.Empty(await desk.TicketsFromAsync(stranger));
    }
}

public sealed class MeetingRepliesOnSqlite(SqliteMailDesk desk) : MeetingReplyTests(desk), IClassFixture<SqliteMailDesk>;

public sealed class MeetingRepliesOnPostgres(PostgresMailDesk desk) : MeetingReplyTests(desk), IClassFixture<PostgresMailDesk>;
