using Ayuda.Data;
using Ayuda.Features.Staff;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Incidents;

/// <summary>
/// The incident register's use cases, for the pages and the API alike: register (alone or from an error ticket),
/// link a ticket to an existing incident, move an incident (its comment on every linked ticket), add evidence.
/// </summary>
public sealed class IncidentWork(
    IDbContextFactory<AyudaDb> contexts,
    IncidentQueries queries,
    IncidentFollowUp followUp,
    Notifications.OutboxSignal outbox,
    DeskClock desk,
    IStringLocalizer<Strings> l,
    ILogger<IncidentWork> logger)
{
    /// <summary>What the API and the form send to register an incident.</summary>
    public sealed record Input(
        string? Title,
        string? Product,
        string? AffectedVersion,
        string? Description,
        IncidentSeverity? Severity,
        string? Module = null,
        string? StepsToReproduce = null,
        string? ExpectedBehaviour = null,
        string? ActualBehaviour = null,
        DateOnly? DetectedOn = null,
        string? OwnerId = null);

    public sealed record MoveRequest(IncidentState? To, string? Comment, string? FixVersion = null, string? DuplicateOf = null);

    public Task<Outcome<IncidentView>> RegisterAsync(Input input, Actor actor, CancellationToken ct) => RegisterAsync(input, null, actor, ct);

    /// <summary>Registers the incident and, when <paramref name="ticketNumber"/> is given, links that error ticket to it, all at once.</summary>
    public async Task<Outcome<IncidentView>> RegisterAsync(Input input, string? ticketNumber, Actor actor, CancellationToken ct)
    {
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return Outcome<IncidentView>.Invalid(errors);
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Ticket? ticket = null;
        if (ticketNumber is not null)
        {
            ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Number == ticketNumber, ct);
            if (ticket is null)
            {
                return Outcome<IncidentView>.Fail(l["Tickets.NotFound", ticketNumber], DomainErrorKind.NotFound);
            }
        }
        var owner = await OwnerAsync(db, input.OwnerId, ct);
        if (input.OwnerId is not null && owner is null)
        {
            return Outcome<IncidentView>.Invalid("ownerId", l["Incidents.OwnerInvalid"]);
        }
        var now = desk.UtcNow;
        var year = TimeZoneInfo.ConvertTime(now, desk.TimeZone).Year;
        var number = Incident.FormatNumber(year, await YearlySequence.NextAsync(db, YearlySequence.Incidents, year, ct));
        var incident = new Incident(number, Draft(input), owner, actor, now);
        db.Incidents.Add(incident);
        try
        {
            if (ticket is not null)
            {
                await db.SaveChangesAsync(ct);
                ticket.LinkIncident(incident.Id, incident.Number, incident.Title, actor, now);
                incident.RecordTicketLinked(ticket.Number, actor, now);
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DomainException e)
        {
            return Outcome<IncidentView>.Fail(e.Describe(l), e.Kind);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<IncidentView>.Fail(l["Tickets.ChangedMeanwhile", ticketNumber ?? ""]);
        }
        logger.LogInformation("Incident {Number} registered by {Actor} ({Severity}){Ticket}", number, actor.Name, incident.Severity, ticket is null ? "" : $" from ticket {ticket.Number}");
        return Outcome<IncidentView>.Ok((await queries.GetAsync(number, ct))!);
    }

    /// <summary>One more customer hit a known error: the ticket joins the incident and waits on R&amp;D.</summary>
    public async Task<Outcome<IncidentView>> LinkAsync(string ticketNumber, string? incidentNumber, Actor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(incidentNumber))
        {
            return Outcome<IncidentView>.Invalid("incidentNumber", l["Incidents.NumberRequired"]);
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Number == incidentNumber.Trim().ToUpperInvariant(), ct);
        if (incident is null)
        {
            return Outcome<IncidentView>.Fail(l["Incidents.NotFound", incidentNumber], DomainErrorKind.NotFound);
        }
        if (!incident.IsOpen)
        {
            return Outcome<IncidentView>.Fail(l["Incidents.LinkClosed", incident.Number, l[$"IncidentState.{incident.State}"]]);
        }
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Number == ticketNumber, ct);
        if (ticket is null)
        {
            return Outcome<IncidentView>.Fail(l["Tickets.NotFound", ticketNumber], DomainErrorKind.NotFound);
        }
        try
        {
            var now = desk.UtcNow;
            if (ticket.IncidentId != incident.Id)
            {
                ticket.LinkIncident(incident.Id, incident.Number, incident.Title, actor, now);
                incident.RecordTicketLinked(ticket.Number, actor, now);
                await db.SaveChangesAsync(ct);
            }
        }
        catch (DomainException e)
        {
            return Outcome<IncidentView>.Fail(e.Describe(l), e.Kind);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<IncidentView>.Fail(l["Tickets.ChangedMeanwhile", ticketNumber]);
        }
        return Outcome<IncidentView>.Ok((await queries.GetAsync(incident.Number, ct))!);
    }

    /// <summary>
    /// R&amp;D moves the incident with a comment. The move is written on every linked ticket's timeline in the same
    /// transaction; the assigned consultants are told, and customers updated where the settings say so.
    /// </summary>
    public async Task<Outcome<IncidentView>> MoveAsync(string number, MoveRequest request, Actor actor, CancellationToken ct)
    {
        if (request.To is not { } to || !Enum.IsDefined(to))
        {
            return Outcome<IncidentView>.Invalid("to", l["Incidents.StateRequired"]);
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Number == number, ct);
        if (incident is null)
        {
            return Outcome<IncidentView>.Fail(l["Incidents.NotFound", number], DomainErrorKind.NotFound);
        }
        Incident? duplicateOf = null;
        if (to == IncidentState.Duplicate && !string.IsNullOrWhiteSpace(request.DuplicateOf))
        {
            duplicateOf = await db.Incidents.FirstOrDefaultAsync(i => i.Number == request.DuplicateOf.Trim().ToUpperInvariant(), ct);
            if (duplicateOf is null)
            {
                return Outcome<IncidentView>.Invalid("duplicateOf", l["Incidents.NotFound", request.DuplicateOf]);
            }
        }
        var now = desk.UtcNow;
        var from = incident.State;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        IReadOnlyCollection<string> told;
        try
        {
            incident.MoveTo(to, request.Comment ?? "", request.FixVersion, duplicateOf, actor, now);
            var tickets = await db.Tickets.Where(t => t.IncidentId == incident.Id).ToListAsync(ct);
            foreach (var ticket in tickets)
            {
                ticket.RecordIncidentMove(incident.Number, Incident.Code(from), Incident.Code(to), request.Comment!.Trim(), actor, now);
                if (to == IncidentState.Duplicate && duplicateOf is not null)
                {
                    // The customers follow the original: its updates and version requests reach them.
                    ticket.MoveToIncident(duplicateOf.Id, duplicateOf.Number, duplicateOf.Title, actor, now);
                    duplicateOf.RecordTicketLinked(ticket.Number, actor, now);
                }
            }
            told = await followUp.MovedAsync(db, incident, from, tickets, actor, now, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Invalid)
        {
            var field = e.Key switch
            {
                "Incidents.FixVersionRequired" or "Incidents.FixVersionTooLong" => "fixVersion",
                "Incidents.DuplicateOfRequired" => "duplicateOf",
                _ => "comment",
            };
            return Outcome<IncidentView>.Invalid(field, e.Describe(l));
        }
        catch (DomainException e)
        {
            return Outcome<IncidentView>.Fail(e.Describe(l), e.Kind);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<IncidentView>.Fail(l["Incidents.ChangedMeanwhile", number]);
        }
        followUp.Announce(told);
        outbox.Notify();
        logger.LogInformation("Incident {Number} moved {From} → {To} by {Actor}", number, from, to, actor.Name);
        return Outcome<IncidentView>.Ok((await queries.GetAsync(number, ct))!);
    }

    public async Task<Outcome<IncidentView>> AddEvidenceAsync(string number, string? fileName, string? contentType, byte[] bytes, Actor actor, CancellationToken ct)
    {
        if (bytes.LongLength == 0)
        {
            return Outcome<IncidentView>.Invalid("file", l["Incidents.EvidenceEmpty"]);
        }
        if (bytes.LongLength > IncidentEvidence.MaxBytes)
        {
            return Outcome<IncidentView>.Invalid("file", l["Incidents.EvidenceTooLarge", IncidentEvidence.MaxBytes / 1024 / 1024]);
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Number == number, ct);
        if (incident is null)
        {
            return Outcome<IncidentView>.Fail(l["Incidents.NotFound", number], DomainErrorKind.NotFound);
        }
        var declared = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType.Split(';')[0].Trim();
        var type = Channels.Email.ContentSniffer.TypeOf(bytes, declared);
        incident.AddEvidence(Channels.Email.SafeFileNames.From(fileName, type), type, bytes, actor, desk.UtcNow);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<IncidentView>.Fail(l["Incidents.ChangedMeanwhile", number]);
        }
        return Outcome<IncidentView>.Ok((await queries.GetAsync(number, ct))!);
    }

    /// <summary>The owner named, else the first active R&amp;D manager.</summary>
    private static async Task<(string Id, string Name)?> OwnerAsync(AyudaDb db, string? ownerId, CancellationToken ct)
    {
        var roleId = db.Roles.Where(r => r.Name == Roles.RnDManager || r.Name == Roles.HeadOfImplementation).Select(r => r.Id);
        var candidates = db.Users.AsNoTracking().Where(u => u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && roleId.Contains(ur.RoleId)));
        if (ownerId is not null)
        {
            candidates = candidates.Where(u => u.Id == ownerId);
        }
        else
        {
            var rnd = db.Roles.Where(r => r.Name == Roles.RnDManager).Select(r => r.Id);
            candidates = candidates.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && rnd.Contains(ur.RoleId)));
        }
        var owner = await candidates.OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        return owner is null ? null : (owner.Id, owner.DisplayName);
    }

    private IncidentDraft Draft(Input input) => new(
        input.Title!, input.Product!, input.Module ?? "", input.AffectedVersion!, input.Description!,
        input.StepsToReproduce ?? "", input.ExpectedBehaviour ?? "", input.ActualBehaviour ?? "", input.Severity!.Value,
        input.DetectedOn ?? desk.Today);

    private Dictionary<string, string[]> Validate(Input input)
    {
        var errors = new Dictionary<string, string[]>();
        void Required(string field, string? value, int max)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors[field] = [l[$"Incidents.{char.ToUpperInvariant(field[0])}{field[1..]}Required"]];
            }
            else if (value.Trim().Length > max)
            {
                errors[field] = [l["Incidents.TooLong", max]];
            }
        }
        void Optional(string field, string? value, int max)
        {
            if ((value?.Trim().Length ?? 0) > max)
            {
                errors[field] = [l["Incidents.TooLong", max]];
            }
        }
        Required("title", input.Title, Incident.MaxTitleLength);
        Required("product", input.Product, Incident.MaxShortLength);
        Required("affectedVersion", input.AffectedVersion, Incident.MaxTitleLength);
        Required("description", input.Description, Incident.MaxTextLength);
        Optional("module", input.Module, Incident.MaxShortLength);
        Optional("stepsToReproduce", input.StepsToReproduce, Incident.MaxTextLength);
        Optional("expectedBehaviour", input.ExpectedBehaviour, Incident.MaxTextLength);
        Optional("actualBehaviour", input.ActualBehaviour, Incident.MaxTextLength);
        if (input.Severity is not { } severity || !Enum.IsDefined(severity))
        {
            errors["severity"] = [l["Incidents.SeverityRequired"]];
        }
        if (input.DetectedOn is { } detected && detected > desk.Today)
        {
            errors["detectedOn"] = [l["Incidents.DetectedInFuture"]];
        }
        return errors;
    }
}
