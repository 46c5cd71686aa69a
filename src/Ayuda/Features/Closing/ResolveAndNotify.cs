using System.Globalization;
using Ayuda.Data;
using Ayuda.Features.Channels.Email;
using Ayuda.Features.Channels.WhatsApp;
using Ayuda.Features.Consultations;
using Ayuda.Features.Notifications;
using Ayuda.Features.Staff;
using Ayuda.Features.Templates;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Ayuda.Features.Closing;

/// <summary>
/// The end of a case as the procedure asks: the consultant resolves it and sends the customer the case's detail and
/// resolution — one email to the contacts in To with the chosen people in CC — from the closing template. The ticket
/// is Resolved at once and Closed when the notification has been sent (<see cref="ClosingFollowUp"/>).
/// </summary>
public sealed class ResolveAndNotify(
    IDbContextFactory<AyudaDb> contexts,
    TicketChanges changes,
    TemplateEngine templates,
    EmailComposer email,
    WhatsAppComposer whatsApp,
    OutboxSignal signal,
    DeskClock desk,
    IOptionsMonitor<EmailOptions> emailOptions,
    IOptionsMonitor<ClosingOptions> options,
    IStringLocalizer<Strings> l)
{
    /// <summary>What would be sent now for <paramref name="resolution"/>, with the default recipients.</summary>
    public async Task<Outcome<ClosingDraft>> DraftAsync(string number, string? resolution, Actor actor, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Number == number, ct);
        if (ticket is null)
        {
            return Outcome<ClosingDraft>.Fail(l["Tickets.NotFound", number], DomainErrorKind.NotFound);
        }
        var language = await CustomerRecipient.LanguageAsync(db, ticket, ct);
        var text = resolution ?? ticket.Resolution ?? "";
        var consultant = await ConsultantNameAsync(db, ticket, actor, ct);
        var (subject, body) = await RenderAsync(db, ticket, text, consultant, desk.UtcNow, language, ct);
        var to = await ContactAddressesAsync(db, ticket, ct);
        var others = ticket.CustomerId is { } customerId
            ? (await db.Contacts.AsNoTracking().Where(c => c.CustomerId == customerId && c.IsActive && c.Id != ticket.ContactId)
                .OrderBy(c => c.Name).Take(100).Select(c => new { c.Name, c.Emails }).ToListAsync(ct))
                .SelectMany(c => c.Emails.Select(e => new ClosingRecipient(c.Name, e.Address))).ToList()
            : [];
        var staff = await db.Users.AsNoTracking().Where(u => u.IsActive && u.Email != null).OrderBy(u => u.DisplayName).Take(500)
            .Select(u => new ClosingStaff(u.Id, u.DisplayName, u.Email!)).ToListAsync(ct);
        return Outcome<ClosingDraft>.Ok(new ClosingDraft(to, others, staff, await DefaultStaffAsync(db, ticket, ct),
            $"{EmailComposer.SubjectToken(ticket.Number)} {subject}", body, language, WantsWhatsApp(ticket)));
    }

    /// <summary>
    /// Answer and close (a usage query answered on the line, or by a call-back): with the closing notification to its
    /// default recipients when the customer can be written to — the ticket closes once it is sent — else closed at once,
    /// the record saying no notification could go.
    /// </summary>
    public async Task<Outcome<TicketView>> AnswerAsync(string number, string answer, Actor actor, CancellationToken ct)
    {
        bool notifiable;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Number == number, ct);
            if (ticket is null)
            {
                return Outcome<TicketView>.Fail(l["Tickets.NotFound", number], DomainErrorKind.NotFound);
            }
            // The same test sending makes: mail with a server to send it, or WhatsApp that can be written to now.
            notifiable = ((await ContactAddressesAsync(db, ticket, ct)).Count > 0 && !string.IsNullOrWhiteSpace(emailOptions.CurrentValue.Smtp.Host))
                || (WantsWhatsApp(ticket) && await WhatsAppRecipients.ForAsync(db, ticket, ct) is { } wa
                    && await whatsApp.WindowAsync(db, wa, OutboxKind.Closing, desk.UtcNow, ct) is { } window && (window.Open || window.Template is not null));
        }
        if (notifiable)
        {
            return await ResolveAsync(number, new ResolveRequest(answer), actor, onTheLine: true, ct);
        }
        return await changes.ApplyAsync(number, async (ticket, db, now) =>
        {
            ticket.AnswerAndClose(answer, actor, now, l["Closing.NoAddress"]);
            await OpenConsultations.EndWithAsync(db, ticket, actor, now, ct);
        }, ct);
    }

    /// <summary>Resolves the ticket and writes the notification to the outbox in one transaction.</summary>
    public Task<Outcome<TicketView>> ResolveAsync(string number, ResolveRequest request, Actor actor, CancellationToken ct) =>
        ResolveAsync(number, request, actor, onTheLine: false, ct);

    private async Task<Outcome<TicketView>> ResolveAsync(string number, ResolveRequest request, Actor actor, bool onTheLine, CancellationToken ct)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return Outcome<TicketView>.Invalid(errors);
        }
        var outcome = await changes.ApplyAsync(number, async (ticket, db, now) =>
        {
            var resolution = request.Resolution!.Trim();
            if (await db.Outbox.AnyAsync(o => o.TicketId == ticket.Id && o.Kind == OutboxKind.Closing && o.State == OutboxState.Queued, ct))
            {
                // One notification at a time: a second would reach the customer twice.
                throw DomainException.Conflict("Closing.AlreadySending", number);
            }
            // Resolve first: whoever answers a Pending ticket becomes its consultant, who signs and is copied by default.
            ticket.PrepareClosing(resolution, actor, now, onTheLine);
            await OpenConsultations.EndWithAsync(db, ticket, actor, now, ct);
            // null: the ticket's contact; an empty list: nobody by email (WhatsApp only).
            var to = request.To is { } given
                ? Distinct(given)
                : (await ContactAddressesAsync(db, ticket, ct)).Select(r => r.Address).ToList();
            var staffEmails = request.CcStaffIds is { } chosen
                ? await StaffEmailsAsync(db, chosen, ct)
                : await db.Users.Where(u => u.IsActive && u.Email != null).Where(DefaultStaffFilter(await DefaultStaffAsync(db, ticket, ct))).Select(u => u.Email!).ToListAsync(ct);
            var cc = Distinct([.. (request.Cc ?? []), .. staffEmails]).Where(a => !to.Contains(a, StringComparer.OrdinalIgnoreCase)).ToList();
            var whatsAppTo = WantsWhatsApp(ticket) ? await WhatsAppRecipients.ForAsync(db, ticket, ct) : null;
            if (to.Count == 0 && whatsAppTo is null)
            {
                throw DomainException.Invalid("Closing.NoRecipient", number);
            }
            var language = await CustomerRecipient.LanguageAsync(db, ticket, ct);
            var (subject, body) = await RenderAsync(db, ticket, resolution, await ConsultantNameAsync(db, ticket, actor, ct), now, language, ct);
            subject = string.IsNullOrWhiteSpace(request.Subject) ? subject : request.Subject.Trim();
            body = string.IsNullOrWhiteSpace(request.Body) ? body : request.Body;
            var sent = false;
            if (whatsAppTo is not null)
            {
                sent = await whatsApp.ComposeAsync(db, ticket, OutboxKind.Closing, whatsAppTo, body,
                    await TemplateValues.ForAsync(db, ticket, actor.Name, ct), actor, now, ct) is not null;
            }
            if (to.Count > 0 && (!sent || options.CurrentValue.WhatsApp != ClosingWhatsApp.Instead))
            {
                await email.ComposeAsync(db, ticket, OutboxKind.Closing, to, cc, subject, body, actor, now, ct);
                sent = true;
            }
            if (!sent)
            {
                throw DomainException.Conflict("Closing.NoWayToSend", number);
            }
        }, ct);
        if (outcome.Succeeded)
        {
            signal.Notify();
        }
        return outcome;
    }

    /// <summary>Addresses as bare, unique ones ("Ana &lt;a@x.com&gt;" and "A@x.com" are the same person).</summary>
    private static List<string> Distinct(IEnumerable<string> addresses) =>
        [.. addresses.Select(a => MailboxAddress.TryParse(a.Trim(), out var parsed) ? parsed.Address : a.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static System.Linq.Expressions.Expression<Func<StaffUser, bool>> DefaultStaffFilter(IReadOnlyList<string> ids) => u => ids.Contains(u.Id);

    /// <summary>The emails of the staff chosen for the copy; an unknown or inactive one is refused.</summary>
    private static async Task<List<string>> StaffEmailsAsync(AyudaDb db, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        var emails = await db.Users.Where(u => wanted.Contains(u.Id) && u.IsActive && u.Email != null).Select(u => u.Email!).ToListAsync(ct);
        return emails.Count == wanted.Count ? emails : throw DomainException.Invalid("Closing.UnknownStaff");
    }

    private Dictionary<string, string[]> Validate(ResolveRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Resolution))
        {
            errors["resolution"] = [l["Ticket.ResolutionRequired"]];
        }
        else if (request.Resolution.Length > Ticket.MaxNoteLength)
        {
            errors["resolution"] = [l["Ticket.ResolutionTooLong", Ticket.MaxNoteLength]];
        }
        foreach (var (field, addresses) in new[] { ("to", request.To), ("cc", request.Cc) })
        {
            if ((addresses ?? []).FirstOrDefault(a => !MailboxAddress.TryParse(a?.Trim() ?? "", out var parsed) || !parsed.Address.Contains('@')) is { } bad)
            {
                errors[field] = [l["Closing.BadAddress", bad ?? ""]];
            }
        }
        if (request.Subject?.Length > MessageTemplate.MaxSubjectLength)
        {
            errors["subject"] = [l["Templates.TooLong", MessageTemplate.MaxSubjectLength]];
        }
        if (request.Body?.Length > MessageTemplate.MaxBodyLength)
        {
            errors["body"] = [l["Templates.TooLong", MessageTemplate.MaxBodyLength]];
        }
        return errors;
    }

    private bool WantsWhatsApp(Ticket ticket) => ticket.Channel == Channel.WhatsApp && options.CurrentValue.WhatsApp != ClosingWhatsApp.Never;

    private async Task<(string Subject, string Body)> RenderAsync(AyudaDb db, Ticket ticket, string resolution, string consultant, DateTimeOffset resolvedAt,
        string language, CancellationToken ct)
    {
        var model = await ClosingModel.BuildAsync(db, ticket, resolution, consultant, resolvedAt, language, desk, emailOptions.CurrentValue, l, ct);
        return await templates.RenderCurrentAsync(db, TemplateKind.Closing, language, model, ct);
    }

    /// <summary>The consultant who signs: the ticket's assignee, else whoever resolves it.</summary>
    private static async Task<string> ConsultantNameAsync(AyudaDb db, Ticket ticket, Actor actor, CancellationToken ct) =>
        ticket.AssigneeId is { } id ? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? actor.Name : actor.Name;

    /// <summary>To: the ticket's contact at every address they have; without a contact, the address the ticket came from.</summary>
    private static async Task<IReadOnlyList<ClosingRecipient>> ContactAddressesAsync(AyudaDb db, Ticket ticket, CancellationToken ct)
    {
        if (ticket.ContactId is { } contactId)
        {
            var contact = await db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => new { c.Name, c.Emails }).FirstOrDefaultAsync(ct);
            if (contact is not null && contact.Emails.Count > 0)
            {
                return [.. contact.Emails.Select(e => new ClosingRecipient(contact.Name, e.Address))];
            }
        }
        return ticket.From is { } from && from.Contains('@') ? [new ClosingRecipient(from, from)] : [];
    }

    /// <summary>CC by default: the ticket's consultant and (by setting) every head of implementation.</summary>
    private async Task<IReadOnlyList<string>> DefaultStaffAsync(AyudaDb db, Ticket ticket, CancellationToken ct)
    {
        var ids = new List<string>();
        if (ticket.AssigneeId is { } assignee && await db.Users.AnyAsync(u => u.Id == assignee && u.IsActive && u.Email != null, ct))
        {
            ids.Add(assignee);
        }
        if (options.CurrentValue.CopyHeadOfImplementation)
        {
            ids.AddRange((await StaffAlerts.InRoleAsync(db, Roles.HeadOfImplementation, ct)).Where(p => p.Email is not null).Select(p => p.Id));
        }
        return [.. ids.Distinct()];
    }
}
