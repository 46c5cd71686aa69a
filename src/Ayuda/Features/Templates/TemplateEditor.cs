using System.Text.Json;
using Ayuda.Data;
using Ayuda.Features.Channels.Email;
using Ayuda.Features.Closing;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Templates;

/// <summary>
/// The customer-facing texts as SystemAdmin and the head edit them (the settings page and <c>/api/v1/templates</c>):
/// a text is saved only when it parses, uses only its kind's fields and renders; it is previewed as typed on a real
/// ticket. Going back to the default deletes the customised row.
/// </summary>
public sealed class TemplateEditor(
    IDbContextFactory<AyudaDb> contexts,
    TemplateEngine engine,
    DeskClock desk,
    IOptionsMonitor<EmailOptions> emailOptions,
    Feedback.FeedbackAcknowledgements feedbackAcks,
    Intake.RegularisationNotice regularisation,
    Meetings.MeetingInvitations invitations,
    Incidents.VersionUpdates versionUpdates,
    IStringLocalizer<Strings> l)
{
    /// <summary>The kind and language named in a route (<c>closing</c>, <c>es</c>); false for anything that is not editable.</summary>
    public static bool TryFind(string? kind, string? language, out TemplateKind found, out string lang)
    {
        lang = language?.Trim().ToLowerInvariant() ?? "";
        var named = kind?.Trim() ?? "";
        var parsed = Enum.TryParse(named, ignoreCase: true, out found) && named.Length > 0 && !char.IsAsciiDigit(named[0]);
        return parsed && TemplateFields.Editable.Contains(found) && TemplateEngine.Languages.Contains(lang);
    }

    /// <summary>The route name of a kind, as the API spells it: <c>closing</c>.</summary>
    public static string RouteName(TemplateKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    public async Task<IReadOnlyList<TemplateSummary>> ListAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var saved = await db.Set<MessageTemplate>().AsNoTracking().ToListAsync(ct);
        return [.. from kind in TemplateFields.Editable
                   from language in TemplateEngine.Languages
                   let row = saved.FirstOrDefault(t => t.Kind == kind && t.Language == language)
                   select new TemplateSummary(kind, language, row is not null, row?.Version ?? 0, row?.UpdatedByName, row?.UpdatedAt)];
    }

    public async Task<TemplateDetail> GetAsync(TemplateKind kind, string language, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await DetailAsync(db, kind, language, ct);
    }

    /// <summary>Why <paramref name="text"/> cannot be saved, by part ("subject", "body"); empty when it can.</summary>
    public IReadOnlyDictionary<string, string[]> Check(TemplateKind kind, string language, TemplateText text)
    {
        var errors = engine.Check(kind, text);
        if (errors.Count > 0)
        {
            return errors;
        }
        // Parsing is not enough: a loop over a huge range parses but never finishes, so try it on the sample case.
        var sample = TemplateSample.For(language);
        var found = new Dictionary<string, string[]>();
        foreach (var (part, alone) in new[] { ("subject", text with { Body = "-" }), ("body", text with { Subject = "-" }) })
        {
            if (RenderError(alone, sample, language) is { } error)
            {
                found[part] = [l["Templates.DoesNotRender", error]];
            }
        }
        return found;
    }

    public async Task<Outcome<TemplateDetail>> SaveAsync(TemplateKind kind, string language, SaveTemplateRequest request, Actor actor, CancellationToken ct)
    {
        var text = new TemplateText(request.Subject ?? "", request.Body ?? "");
        var errors = Check(kind, language, text);
        if (errors.Count > 0)
        {
            return Outcome<TemplateDetail>.Invalid(errors);
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Set<MessageTemplate>().FirstOrDefaultAsync(t => t.Kind == kind && t.Language == language, ct);
        if ((row?.Version ?? 0) != request.Version)
        {
            return Outcome<TemplateDetail>.Fail(l["Templates.SavedByOther"]);
        }
        if (row is null)
        {
            row = new MessageTemplate(kind, language);
            db.Add(row);
        }
        row.Change(text, actor.Name, desk.UtcNow);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone saved (or created) the same template between our read and our write.
            return Outcome<TemplateDetail>.Fail(l["Templates.SavedByOther"]);
        }
        return Outcome<TemplateDetail>.Ok(await DetailAsync(db, kind, language, ct));
    }

    /// <summary>Back to the built-in text. With <paramref name="version"/>, refuses when someone saved since it was read.</summary>
    public async Task<Outcome<TemplateDetail>> ResetAsync(TemplateKind kind, string language, int? version, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Set<MessageTemplate>().FirstOrDefaultAsync(t => t.Kind == kind && t.Language == language, ct);
        if (row is not null)
        {
            if (version is { } read && read != row.Version)
            {
                return Outcome<TemplateDetail>.Fail(l["Templates.SavedByOther"]);
            }
            db.Remove(row);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome<TemplateDetail>.Fail(l["Templates.SavedByOther"]);
            }
        }
        return Outcome<TemplateDetail>.Ok(await DetailAsync(db, kind, language, ct));
    }

    /// <summary>Renders the text as typed on the ticket asked for, else the latest resolved or closed one, else the sample case.</summary>
    public async Task<Outcome<TemplatePreview>> PreviewAsync(TemplateKind kind, string language, PreviewTemplateRequest request, Actor actor, CancellationToken ct)
    {
        var text = new TemplateText(request.Subject ?? "", request.Body ?? "");
        var errors = new Dictionary<string, string[]>(Check(kind, language, text));
        await using var db = await contexts.CreateDbContextAsync(ct);
        Ticket? ticket;
        if (!string.IsNullOrWhiteSpace(request.TicketNumber))
        {
            var number = request.TicketNumber.Trim();
            ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Number == number, ct);
            if (ticket is null)
            {
                errors["ticketNumber"] = [l["Templates.PreviewTicketNotFound", number]];
            }
        }
        else
        {
            ticket = await db.Tickets.AsNoTracking().Where(t => (t.State == TicketState.Resolved || t.State == TicketState.Closed) && t.ResolvedAt != null)
                .OrderByDescending(t => t.ResolvedAt).ThenByDescending(t => t.Id).FirstOrDefaultAsync(ct);
        }
        if (errors.Count > 0)
        {
            return Outcome<TemplatePreview>.Invalid(errors);
        }
        var model = ticket is null ? TemplateSample.For(language) : await ModelAsync(db, kind, ticket, language, actor, ct);
        try
        {
            var (subject, body) = TemplateEngine.Render(text, model, language);
            return Outcome<TemplatePreview>.Ok(new TemplatePreview(subject, body, ticket?.Number));
        }
        catch (TemplateRenderException e)
        {
            return Outcome<TemplatePreview>.Invalid("body", l["Templates.DoesNotRender", Reason(e)]);
        }
    }

    /// <summary>The fields a real ticket gives the kind's template, as the sending code builds them.</summary>
    private async Task<IReadOnlyDictionary<string, object?>> ModelAsync(AyudaDb db, TemplateKind kind, Ticket ticket, string language, Actor actor, CancellationToken ct)
    {
        if (kind == TemplateKind.Acknowledgement)
        {
            return await TemplateModels.CommonAsync(db, ticket, language, emailOptions.CurrentValue.DeskName, desk, emailOptions.CurrentValue, l, ct);
        }
        if (kind == TemplateKind.IncidentUpdate && ticket.IncidentId is { } incidentId
            && await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId, ct) is { } incident)
        {
            return await Incidents.IncidentUpdateModel.BuildAsync(db, ticket, incident, language, desk, emailOptions.CurrentValue, l, ct);
        }
        if (kind == TemplateKind.FeedbackAcknowledgement && await db.FeedbackEntries.AsNoTracking().FirstOrDefaultAsync(f => f.TicketId == ticket.Id, ct) is { } entry
            && await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == entry.CustomerId, ct) is { } customer)
        {
            var contactName = entry.ContactId is { } contactId ? await db.Contacts.Where(c => c.Id == contactId).Select(c => c.Name).FirstOrDefaultAsync(ct) : null;
            return await feedbackAcks.ModelAsync(db, entry, ticket, customer, contactName, actor.Name, language, ct);
        }
        if (kind == TemplateKind.Regularisation && ticket.CustomerId is not null)
        {
            return await regularisation.ModelAsync(db, ticket, language, ct);
        }
        if (kind == TemplateKind.MeetingInvitation
            && await db.Meetings.AsNoTracking().Include(m => m.Attendees).Where(m => m.TicketId == ticket.Id).OrderByDescending(m => m.Id).FirstOrDefaultAsync(ct) is { } meeting)
        {
            var mail = meeting.IsCancelled ? Meetings.MeetingMail.Cancellation : meeting.Sequence > 0 ? Meetings.MeetingMail.Update : Meetings.MeetingMail.Invitation;
            return await invitations.ModelAsync(db, ticket, meeting, mail, language, actor.Name, ct);
        }
        if (kind == TemplateKind.VersionUpdate
            && await db.VersionUpdates.AsNoTracking().Where(v => v.TicketId == ticket.Id).OrderByDescending(v => v.Id).FirstOrDefaultAsync(ct) is { } update
            && await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == update.CustomerId, ct) is { } owner)
        {
            var linked = update.IncidentId is { } incidentOf ? await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentOf, ct) : null;
            return await versionUpdates.ModelAsync(db, update, owner, ticket, linked, update.RequestedByName, language, ct);
        }
        if (kind != TemplateKind.Closing)
        {
            return TemplateSample.For(language);
        }
        var consultant = ticket.AssigneeId is { } id
            ? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? actor.Name
            : actor.Name;
        var resolution = ticket.Resolution ?? InLanguage(language, "Templates.PendingResolution");
        return await ClosingModel.BuildAsync(db, ticket, resolution, consultant, ticket.ResolvedAt ?? desk.UtcNow, language, desk, emailOptions.CurrentValue, l, ct);
    }

    private async Task<TemplateDetail> DetailAsync(AyudaDb db, TemplateKind kind, string language, CancellationToken ct)
    {
        var row = await db.Set<MessageTemplate>().AsNoTracking().FirstOrDefaultAsync(t => t.Kind == kind && t.Language == language, ct);
        var fallback = TemplateEngine.Default(kind, language);
        var fields = TemplateFields.For(kind).Select(f => new TemplateFieldView(f, l[$"TemplateField.{f}"], TemplateFields.Snippet(kind, f))).ToList();
        return new TemplateDetail(kind, language, row is not null, row?.Version ?? 0, row?.UpdatedByName, row?.UpdatedAt,
            row?.Subject ?? fallback.Subject, row?.Body ?? fallback.Body, fallback.Subject, fallback.Body, fields);
    }

    private string InLanguage(string language, string key) => ReaderCulture.In(language, () => l[key].Value);

    private string? RenderError(TemplateText text, IReadOnlyDictionary<string, object?> model, string language)
    {
        try
        {
            TemplateEngine.Render(text, model, language);
            return null;
        }
        catch (TemplateRenderException e)
        {
            return Reason(e);
        }
    }

    /// <summary>Why a template could not be put together, in words for the person editing it.</summary>
    private string Reason(TemplateRenderException e) => e.Message switch
    {
        TemplateRenderException.TooLong => l["Templates.RenderTooLong"],
        TemplateRenderException.TooManySteps => l["Templates.RenderTooManySteps"],
        _ => e.Message,
    };
}
