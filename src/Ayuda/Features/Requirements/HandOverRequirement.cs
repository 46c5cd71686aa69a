using Ayuda.Data;
using Ayuda.Features.Consultations;
using Ayuda.Features.Notifications;
using Ayuda.Features.Staff;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Requirements;

/// <summary>
/// After the meeting: the gathered requirement goes on the ticket and to the Project Manager's queue (bell and email
/// to every Project Manager), with its files; the ticket is resolved and moves to closing. The Project Manager then
/// reviews it and records the decision.
/// </summary>
public sealed class HandOverRequirement(
    IDbContextFactory<AyudaDb> contexts, TicketChanges changes, RequirementQueries queries, StaffAlerts alerts, DeskClock desk, IStringLocalizer<Strings> l)
{
    public sealed record Request(string? Notes, long? MeetingId = null, string? Resolution = null);

    public sealed record FileUpload(string? FileName, string? ContentType, byte[] Bytes);

    public sealed record ReviewRequest(RequirementState? State, string? Comment);

    public async Task<Outcome<RequirementView>> ExecuteAsync(string number, Request request, IReadOnlyList<FileUpload> files, Actor actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Notes))
        {
            errors["notes"] = [l["Requirements.NotesRequired"]];
        }
        else if (request.Notes.Length > Requirement.MaxNotesLength)
        {
            errors["notes"] = [l["Requirements.NotesTooLong", Requirement.MaxNotesLength]];
        }
        if (request.Resolution?.Length > Ticket.MaxNoteLength)
        {
            errors["resolution"] = [l["Ticket.ResolutionTooLong", Ticket.MaxNoteLength]];
        }
        if (files.Count > Requirement.MaxFiles)
        {
            errors["files"] = [l["Requirements.TooManyFiles", Requirement.MaxFiles]];
        }
        else if (files.FirstOrDefault(f => f.Bytes.LongLength == 0 || f.Bytes.LongLength > RequirementFile.MaxBytes) is { } bad)
        {
            errors["files"] = [l["Requirements.FileSize", bad.FileName ?? "", RequirementFile.MaxBytes / 1024 / 1024]];
        }
        if (errors.Count > 0)
        {
            return Outcome<RequirementView>.Invalid(errors);
        }

        Requirement? created = null;
        IReadOnlyCollection<string> told = [];
        var outcome = await changes.ApplyAsync(number, async (ticket, db, now) =>
        {
            // Checked before anything is written: files can be large.
            ticket.CheckRequirementHandOver();
            if (request.MeetingId is { } meetingId
                && !await db.Meetings.AnyAsync(m => m.Id == meetingId && m.TicketId == ticket.Id && m.State != Meetings.MeetingState.Cancelled, ct))
            {
                throw DomainException.Invalid("Requirements.MeetingNotOnTicket", meetingId, number);
            }
            created = new Requirement(ticket, request.MeetingId, request.Notes!, actor, now);
            foreach (var file in files)
            {
                AddFile(created, file, actor, now);
            }
            db.Requirements.Add(created);
            await db.SaveChangesAsync(ct);
            var resolution = string.IsNullOrWhiteSpace(request.Resolution) ? await DefaultResolutionAsync(db, ticket, ct) : request.Resolution;
            ticket.HandOverRequirement(created.Id, created.Notes, resolution, actor, now);
            await OpenConsultations.EndWithAsync(db, ticket, actor, now, ct);
            var customer = await db.Customers.Where(c => c.Id == created.CustomerId).Select(c => c.Name).FirstAsync(ct);
            var (id, notes, fileCount) = (created.Id, created.Notes, created.Files.Count);
            told = alerts.Tell(db, await StaffAlerts.InRoleAsync(db, Roles.ProjectManager, ct), OutboxKind.Requirement, $"/requirements/{id}", s => (
                s["Requirements.Notice", customer, number, actor.Name].Value,
                s["Requirements.MailSubject", customer, number, ticket.Subject].Value,
                s["Requirements.MailBody", actor.Name, customer, number, ticket.Subject, notes, fileCount].Value), now);
        }, ct);
        if (!outcome.Succeeded)
        {
            return Outcome<RequirementView>.Fail(outcome.Problem!, outcome.Kind);
        }
        alerts.Announce(told);
        return Outcome<RequirementView>.Ok((await queries.GetAsync(created!.Id, ct))!);
    }

    /// <summary>Another file for a requirement already handed over (a document the customer sent later).</summary>
    public Task<Outcome<RequirementView>> AddFileAsync(long id, FileUpload file, Actor actor, CancellationToken ct)
    {
        if (file.Bytes.LongLength == 0 || file.Bytes.LongLength > RequirementFile.MaxBytes)
        {
            return Task.FromResult(Outcome<RequirementView>.Invalid("file", l["Requirements.FileSize", file.FileName ?? "", RequirementFile.MaxBytes / 1024 / 1024]));
        }
        return ChangeAsync(id, async (r, db) =>
        {
            if (await db.RequirementFiles.CountAsync(f => f.RequirementId == id, ct) >= Requirement.MaxFiles)
            {
                throw DomainException.Invalid("Requirements.TooManyFiles", Requirement.MaxFiles);
            }
            AddFile(r, file, actor, desk.UtcNow);
        }, ct);
    }

    /// <summary>The Project Manager takes it up or records the decision.</summary>
    public Task<Outcome<RequirementView>> ReviewAsync(long id, ReviewRequest request, Actor actor, CancellationToken ct)
    {
        if (request.State is not { } state)
        {
            return Task.FromResult(Outcome<RequirementView>.Invalid("state", l["Requirements.StateRequired"]));
        }
        if (state == RequirementState.Closed && string.IsNullOrWhiteSpace(request.Comment))
        {
            return Task.FromResult(Outcome<RequirementView>.Invalid("comment", l["Requirements.DecisionRequired"]));
        }
        return ChangeAsync(id, (r, _) =>
        {
            r.Review(state, request.Comment, actor, desk.UtcNow);
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>Loads the requirement without its files (they can be large) and saves the change with its version.</summary>
    private async Task<Outcome<RequirementView>> ChangeAsync(long id, Func<Requirement, AyudaDb, Task> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var requirement = await db.Requirements.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (requirement is null)
        {
            return Outcome<RequirementView>.Fail(l["Requirements.NotFound", id], DomainErrorKind.NotFound);
        }
        try
        {
            await change(requirement, db);
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            return Outcome<RequirementView>.Fail(e.Describe(l), e.Kind);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<RequirementView>.Fail(l["Requirements.ChangedMeanwhile", id]);
        }
        return Outcome<RequirementView>.Ok((await queries.GetAsync(id, ct))!);
    }

    private static void AddFile(Requirement requirement, FileUpload file, Actor actor, DateTimeOffset now)
    {
        var declared = string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType.Split(';')[0].Trim();
        var type = Channels.Email.ContentSniffer.TypeOf(file.Bytes, declared);
        requirement.AddFile(Channels.Email.SafeFileNames.From(file.FileName, type), type, file.Bytes, actor, now);
    }

    /// <summary>What the customer will be told the case came to, in their language.</summary>
    private async Task<string> DefaultResolutionAsync(AyudaDb db, Ticket ticket, CancellationToken ct)
    {
        var language = await CustomerRecipient.LanguageAsync(db, ticket, ct);
        return ReaderCulture.In(language, () => l["Requirements.DefaultResolution"].Value);
    }
}
