using System.Globalization;
using System.Security.Cryptography;
using Ayuda.Data;
using Ayuda.Features.Notifications;
using Ayuda.Features.Templates;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Channels.Email;

/// <summary>
/// Writes an outgoing email on a ticket: the message on its timeline and its outbox row, added to the caller's context
/// so both are saved in the same transaction as the change that causes them. Sets Message-ID, In-Reply-To, References
/// and the subject token so the customer's answer finds its way back.
/// </summary>
public sealed class EmailComposer(IOptionsMonitor<EmailOptions> options, TemplateEngine templates, DeskClock desk, IStringLocalizer<Strings> l)
{
    public static string SubjectToken(string number) => $"[#{number}]";

    public string NewMessageId(string number) => NewMessageId(number, options.CurrentValue);

    /// <summary>A Message-ID of the desk's domain: <c>ayuda-{key}-{random}@domain</c>.</summary>
    public static string NewMessageId(string key, EmailOptions desk) =>
        $"ayuda-{key}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}@{desk.DeskDomain}";

    public async Task<TicketMessage> ComposeAsync(AyudaDb db, Ticket ticket, OutboxKind kind, IReadOnlyList<string> to, IReadOnlyList<string> cc,
        string subject, string text, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var desk = options.CurrentValue;
        // Answer the newest message from the customer so their mail program threads the conversation.
        var last = ticket.Id == 0 ? ticket.Messages.LastOrDefault(m => m.Direction == MessageDirection.In)
            : await db.TicketMessages.Where(m => m.TicketId == ticket.Id && m.Direction == MessageDirection.In && m.MessageId != null)
                .OrderByDescending(m => m.Id).FirstOrDefaultAsync(ct) ?? ticket.Messages.LastOrDefault(m => m.Direction == MessageDirection.In);
        var inReplyTo = last?.MessageId;
        var references = last is null ? null
            : string.Join(' ', (last.References ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeLast(19).Append(last.MessageId).OfType<string>());
        var token = SubjectToken(ticket.Number);
        var fullSubject = subject.Contains(token, StringComparison.Ordinal) ? subject : $"{token} {subject}";
        var messageId = NewMessageId(ticket.Number);
        var from = desk.FromHeader;
        var message = TicketMessage.Outbound(Channel.Email, now, messageId, inReplyTo, references, desk.DeskAddress,
            string.Join(", ", to), string.Join(", ", cc), fullSubject, text, actor.Id);
        var outbox = new OutboxMessage(kind, ticket, from, string.Join(", ", to), string.Join(", ", cc),
            fullSubject, text, messageId, inReplyTo, references, now);
        message.DeliverThrough(outbox);
        db.Outbox.Add(outbox);
        ticket.SendMessage(message, actor, now);
        return message;
    }

    /// <summary>The acknowledgement of a new ticket, in the customer's language, from its template.</summary>
    public async Task<(string Subject, string Text)> AcknowledgementAsync(AyudaDb db, Ticket ticket, string language, CancellationToken ct)
    {
        var model = await TemplateModels.CommonAsync(db, ticket, language, options.CurrentValue.DeskName, desk, options.CurrentValue, l, ct);
        return await templates.RenderCurrentAsync(db, TemplateKind.Acknowledgement, language, model, ct);
    }
}
