using Ayuda.Data;
using Ayuda.Features.Channels.Email;
using Ayuda.Features.Customers;
using Ayuda.Features.Notifications;
using Ayuda.Features.Staff;
using Ayuda.Features.Templates;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Incidents;

/// <summary>
/// Version-update requests: raised from a ticket or an incident (or for every affected customer once an incident is
/// delivered), emailed to the R&amp;D managers through the outbox in the same transaction, and followed to the end.
/// </summary>
public sealed class VersionUpdates(
    IDbContextFactory<AyudaDb> contexts,
    OutboxSignal signal,
    IOptionsMonitor<EmailOptions> email,
    IOptionsMonitor<IncidentOptions> options,
    DeskClock desk,
    TemplateEngine templates,
    IStringLocalizer<Strings> l,
    ILogger<VersionUpdates> logger)
{
    public sealed record Request(int? CustomerId, string? Product, string? TargetVersion, string? Reason, string? CurrentVersion = null,
        string? TicketNumber = null, string? IncidentNumber = null);

    public sealed record MoveRequest(VersionUpdateState? To, string? Comment = null, DateOnly? ScheduledFor = null);

    public async Task<Outcome<VersionUpdateView>> RequestAsync(Request request, Actor actor, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = request.TicketNumber is { Length: > 0 } tn ? await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Number == tn, ct) : null;
        if (request.TicketNumber is { Length: > 0 } && ticket is null)
        {
            return Outcome<VersionUpdateView>.Invalid("ticketNumber", l["Tickets.NotFound", request.TicketNumber]);
        }
        var incident = request.IncidentNumber is { Length: > 0 } inc ? await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Number == inc.Trim().ToUpperInvariant(), ct) : null;
        if (request.IncidentNumber is { Length: > 0 } && incident is null)
        {
            return Outcome<VersionUpdateView>.Invalid("incidentNumber", l["Incidents.NotFound", request.IncidentNumber]);
        }
        var customerId = request.CustomerId ?? ticket?.CustomerId;
        var errors = new Dictionary<string, string[]>();
        var customer = customerId is { } cid ? await db.Customers.FirstOrDefaultAsync(c => c.Id == cid, ct) : null;
        if (customer is null)
        {
            errors["customerId"] = [l["VersionUpdates.CustomerRequired"]];
        }
        var product = (request.Product ?? incident?.Product)?.Trim();
        if (string.IsNullOrEmpty(product) || product.Length > Incident.MaxShortLength)
        {
            errors["product"] = [l["Incidents.ProductRequired"]];
        }
        var target = (request.TargetVersion ?? incident?.FixVersion)?.Trim();
        if (string.IsNullOrEmpty(target) || target.Length > VersionUpdate.MaxVersionLength)
        {
            errors["targetVersion"] = [l["VersionUpdates.TargetRequired"]];
        }
        if (string.IsNullOrWhiteSpace(request.Reason) && incident is null)
        {
            errors["reason"] = [l["VersionUpdates.ReasonForRequest"]];
        }
        else if ((request.Reason?.Trim().Length ?? 0) > VersionUpdate.MaxReasonLength)
        {
            errors["reason"] = [l["Incidents.TooLong", VersionUpdate.MaxReasonLength]];
        }
        if ((request.CurrentVersion?.Trim().Length ?? 0) > VersionUpdate.MaxVersionLength)
        {
            errors["currentVersion"] = [l["Incidents.TooLong", VersionUpdate.MaxVersionLength]];
        }
        if (errors.Count > 0)
        {
            return Outcome<VersionUpdateView>.Invalid(errors);
        }
        var current = request.CurrentVersion?.Trim() is { Length: > 0 } given ? given
            : customer!.Products.FirstOrDefault(p => string.Equals(p.Product, product, StringComparison.OrdinalIgnoreCase))?.Version ?? "";
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? l["VersionUpdates.ReasonFromIncident", incident!.Number, incident.Title].Value : request.Reason.Trim();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (current.Length > VersionUpdate.MaxVersionLength)
        {
            current = current[..VersionUpdate.MaxVersionLength];
        }
        var update = new VersionUpdate(customer!.Id, ticket?.Id, incident?.Id, product!, current, target!, reason, actor, desk.UtcNow);
        db.VersionUpdates.Add(update);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (incident is not null)
        {
            // One request per customer and incident: someone raised it a moment ago.
            return Outcome<VersionUpdateView>.Fail(l["VersionUpdates.AlreadyRequested", customer.Name, incident.Number]);
        }
        await EmailRnDAsync(db, update, customer, ticket, incident, actor, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signal.Notify();
        logger.LogInformation("Version update {Id} requested for customer {CustomerId}: {Product} {Current} → {Target}", update.Id, customer.Id, product, current, target);
        return Outcome<VersionUpdateView>.Ok((await GetAsync(update.Id, ct))!);
    }

    /// <summary>Once an incident is delivered: one request per affected customer, skipping those that already have one for it.</summary>
    public async Task<Outcome<IReadOnlyList<VersionUpdateView>>> RaiseForIncidentAsync(string incidentNumber, Actor actor, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Number == incidentNumber, ct);
        if (incident is null)
        {
            return Outcome<IReadOnlyList<VersionUpdateView>>.Fail(l["Incidents.NotFound", incidentNumber], DomainErrorKind.NotFound);
        }
        if (incident.State is not (IncidentState.Delivered or IncidentState.Verified) || string.IsNullOrWhiteSpace(incident.FixVersion))
        {
            return Outcome<IReadOnlyList<VersionUpdateView>>.Fail(l["VersionUpdates.IncidentNotDelivered", incident.Number]);
        }
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.IncidentId == incident.Id && t.CustomerId != null)
            .Select(t => new { t.Number, CustomerId = t.CustomerId!.Value }).ToListAsync(ct);
        var already = await db.VersionUpdates.Where(v => v.IncidentId == incident.Id).Select(v => v.CustomerId).ToListAsync(ct);
        var raised = new List<VersionUpdateView>();
        foreach (var group in tickets.Where(t => !already.Contains(t.CustomerId)).GroupBy(t => t.CustomerId))
        {
            var outcome = await RequestAsync(new Request(group.Key, null, null, null, TicketNumber: group.First().Number, IncidentNumber: incident.Number), actor, ct);
            if (outcome.Value is { } view)
            {
                raised.Add(view);
            }
        }
        return Outcome<IReadOnlyList<VersionUpdateView>>.Ok(raised);
    }

    /// <summary>
    /// Moves a request. Approving, scheduling and rejecting are R&amp;D's decisions (<paramref name="decides"/>); recording
    /// the installation is for whoever installed it.
    /// </summary>
    public async Task<Outcome<VersionUpdateView>> MoveAsync(long id, MoveRequest request, Actor actor, bool decides, CancellationToken ct)
    {
        if (request.To is not { } to || !Enum.IsDefined(to))
        {
            return Outcome<VersionUpdateView>.Invalid("to", l["Incidents.StateRequired"]);
        }
        if (!decides && to != VersionUpdateState.Installed)
        {
            return Outcome<VersionUpdateView>.Fail(l["VersionUpdates.OnlyRnD"]);
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var update = await db.VersionUpdates.FirstOrDefaultAsync(v => v.Id == id, ct);
        if (update is null)
        {
            return Outcome<VersionUpdateView>.Fail(l["VersionUpdates.NotFound", id], DomainErrorKind.NotFound);
        }
        try
        {
            update.MoveTo(to, request.Comment, request.ScheduledFor, actor, desk.UtcNow);
            if (to == VersionUpdateState.Installed)
            {
                var customer = await db.Customers.FirstAsync(c => c.Id == update.CustomerId, ct);
                customer.InstallVersion(update.Product, update.TargetVersion);
            }
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Invalid)
        {
            return Outcome<VersionUpdateView>.Invalid(e.Key == "VersionUpdates.DateRequired" ? "scheduledFor" : "comment", e.Describe(l));
        }
        catch (DomainException e)
        {
            return Outcome<VersionUpdateView>.Fail(e.Describe(l), e.Kind);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<VersionUpdateView>.Fail(l["VersionUpdates.ChangedMeanwhile", id]);
        }
        return Outcome<VersionUpdateView>.Ok((await GetAsync(id, ct))!);
    }

    public async Task<IReadOnlyList<VersionUpdateView>> ListAsync(VersionUpdateFilter filter, int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var updates = db.VersionUpdates.AsNoTracking();
        if (filter.State is { } state)
        {
            updates = updates.Where(v => v.State == state);
        }
        if (filter.OpenOnly)
        {
            updates = updates.Where(v => v.State != VersionUpdateState.Installed && v.State != VersionUpdateState.Rejected);
        }
        if (filter.CustomerId is { } customerId)
        {
            updates = updates.Where(v => v.CustomerId == customerId);
        }
        if (filter.IncidentNumber is { } number)
        {
            updates = updates.Where(v => db.Incidents.Any(i => i.Id == v.IncidentId && i.Number == number));
        }
        if (filter.Stalled)
        {
            // Open and unmoved for the configured days: the reminder list.
            var before = desk.UtcNow.AddDays(-options.CurrentValue.StalledVersionUpdateDays);
            updates = updates.Where(v => v.State != VersionUpdateState.Installed && v.State != VersionUpdateState.Rejected && v.StateSince < before);
        }
        var ids = await updates.OrderByDescending(v => v.Id).Select(v => v.Id).Take(Math.Clamp(limit, 1, 200)).ToListAsync(ct);
        return await ViewsAsync(db, ids, ct);
    }

    public async Task<VersionUpdateView?> GetAsync(long id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await ViewsAsync(db, [id], ct)).FirstOrDefault();
    }

    private async Task<IReadOnlyList<VersionUpdateView>> ViewsAsync(AyudaDb db, List<long> ids, CancellationToken ct)
    {
        var rows = await db.VersionUpdates.AsNoTracking().Where(v => ids.Contains(v.Id))
            .Select(v => new
            {
                Update = v,
                Customer = db.Customers.Where(c => c.Id == v.CustomerId).Select(c => c.Name).First(),
                Ticket = db.Tickets.Where(t => t.Id == v.TicketId).Select(t => t.Number).FirstOrDefault(),
                Incident = db.Incidents.Where(i => i.Id == v.IncidentId).Select(i => i.Number).FirstOrDefault(),
                History = v.History.OrderBy(h => h.Id).Select(h => new VersionUpdateEventView(h.At, h.ActorName, h.From, h.To, h.Text)).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        var stalledBefore = desk.UtcNow.AddDays(-options.CurrentValue.StalledVersionUpdateDays);
        return [.. rows.OrderByDescending(r => r.Update.Id).Select(r => new VersionUpdateView(r.Update.Id, r.Update.CustomerId, r.Customer, r.Ticket, r.Incident,
            r.Update.Product, r.Update.CurrentVersion, r.Update.TargetVersion, r.Update.Reason, r.Update.State, r.Update.ScheduledFor, r.Update.RejectionReason,
            r.Update.RequestedByName, r.Update.CreatedAt, r.Update.StateSince, r.Update.IsOpen && r.Update.StateSince < stalledBefore,
            VersionUpdateStates.NextFrom(r.Update.State), r.History))];
    }

    /// <summary>
    /// The request, by email to every active R&amp;D manager, through the outbox in the caller's transaction; written from
    /// the version-update template in each manager's language (one email per language).
    /// </summary>
    private async Task EmailRnDAsync(AyudaDb db, VersionUpdate update, Customer customer, Ticket? ticket, Incident? incident, Actor actor, CancellationToken ct)
    {
        var role = db.Roles.Where(r => r.Name == Roles.RnDManager).Select(r => r.Id);
        var recipients = await db.Users.AsNoTracking().Where(u => u.IsActive && u.Email != null && db.UserRoles.Any(ur => ur.UserId == u.Id && role.Contains(ur.RoleId)))
            .Select(u => new { Email = u.Email!, u.Language }).ToListAsync(ct);
        if (recipients.Count == 0)
        {
            logger.LogWarning("Version update {Id}: there is no active R&D manager to email", update.Id);
            return;
        }
        var settings = email.CurrentValue;
        foreach (var group in recipients.GroupBy(r => r.Language == "en" ? "en" : "es"))
        {
            var model = await ModelAsync(db, update, customer, ticket, incident, actor.Name, group.Key, ct);
            var (subject, body) = await templates.RenderCurrentAsync(db, TemplateKind.VersionUpdate, group.Key, model, ct);
            db.Outbox.Add(new OutboxMessage(OutboxKind.VersionUpdate, null, settings.FromHeader, string.Join(", ", group.Select(r => r.Email)), "", subject, body,
                EmailComposer.NewMessageId($"vu-{update.Id}", settings), null, null, desk.UtcNow));
        }
    }

    /// <summary>The fields of the version-update template: the common ones (the ticket's empty when there is none) plus the request.</summary>
    public async Task<Dictionary<string, object?>> ModelAsync(AyudaDb db, VersionUpdate update, Customer customer, Ticket? ticket, Incident? incident,
        string requestedBy, string language, CancellationToken ct)
    {
        var settings = email.CurrentValue;
        var model = ticket is null
            ? TemplateModels.WithoutTicket(customer.Name, customer.TaxId, null, requestedBy, settings)
            : await TemplateModels.CommonAsync(db, ticket, language, requestedBy, desk, settings, l, ct);
        model["update"] = new Dictionary<string, object?>
        {
            ["number"] = update.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["product"] = update.Product,
            ["current_version"] = update.CurrentVersion,
            ["target_version"] = update.TargetVersion,
            ["reason"] = update.Reason,
            ["requested_by"] = requestedBy,
        };
        model["incident"] = new Dictionary<string, object?> { ["number"] = incident?.Number ?? "", ["title"] = incident?.Title ?? "" };
        return model;
    }
}

public sealed record VersionUpdateFilter(VersionUpdateState? State = null, int? CustomerId = null, string? IncidentNumber = null, bool OpenOnly = false, bool Stalled = false);

public sealed record VersionUpdateEventView(DateTimeOffset At, string ActorName, VersionUpdateState? From, VersionUpdateState To, string? Text);

public sealed record VersionUpdateView(
    long Id,
    int CustomerId,
    string CustomerName,
    string? TicketNumber,
    string? IncidentNumber,
    string Product,
    string CurrentVersion,
    string TargetVersion,
    string Reason,
    VersionUpdateState State,
    DateOnly? ScheduledFor,
    string? RejectionReason,
    string RequestedByName,
    DateTimeOffset CreatedAt,
    DateTimeOffset StateSince,
    bool Stalled,
    IReadOnlyList<VersionUpdateState> NextStates,
    IReadOnlyList<VersionUpdateEventView> History);
