using Ayuda.Data;
using Ayuda.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Consultations;

/// <summary>Reads of consultations: a ticket's, one, and those waiting for a person's answer.</summary>
public sealed class ConsultationQueries(IDbContextFactory<AyudaDb> contexts, TicketQueries tickets)
{
    public const int MaxPerTicket = 50;

    public async Task<IReadOnlyList<ConsultationView>?> ForTicketAsync(string number, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.AsNoTracking().Where(t => t.Number == number).Select(t => new { t.Id }).FirstOrDefaultAsync(ct);
        if (ticket is null)
        {
            return null;
        }
        return await NewestAsync(db.Consultations.Where(c => c.TicketId == ticket.Id), ct);
    }

    /// <summary>
    /// The consultations of a ticket the caller is showing (so it exists): one query, where <see cref="ForTicketAsync"/>
    /// first makes sure the ticket exists.
    /// </summary>
    public async Task<IReadOnlyList<ConsultationView>> OfShownTicketAsync(string number, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await NewestAsync(db.Consultations.Where(c => c.Ticket!.Number == number), ct);
    }

    /// <summary>A ticket's consultations as its panel lists them: newest first, at most <see cref="MaxPerTicket"/>.</summary>
    private static async Task<IReadOnlyList<ConsultationView>> NewestAsync(IQueryable<Consultation> ofTicket, CancellationToken ct)
    {
        var found = await ofTicket.AsNoTracking().Include(c => c.Ticket).OrderByDescending(c => c.Id).Take(MaxPerTicket).ToListAsync(ct);
        return [.. found.Select(View)];
    }

    public async Task<ConsultationView?> GetAsync(long id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await db.Consultations.AsNoTracking().Include(c => c.Ticket).FirstOrDefaultAsync(c => c.Id == id, ct);
        return found is null ? null : View(found);
    }

    /// <summary>Open consultations where <paramref name="userId"/> was asked and has not answered yet, oldest first.</summary>
    public async Task<IReadOnlyList<ConsultationView>> WaitingForAsync(string userId, int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await db.Consultations.AsNoTracking().Include(c => c.Ticket)
            .Where(c => c.State == ConsultationState.Open && c.Asked.Any(a => a.UserId == userId && a.AnsweredAt == null))
            .OrderBy(c => c.Id).Take(Math.Clamp(limit, 1, 100)).ToListAsync(ct);
        return [.. found.Select(View)];
    }

    /// <summary>Who can be asked: consultants and the head of implementation, except the one asking.</summary>
    public async Task<IReadOnlyList<StaffRef>> AskableAsync(string? exceptUserId, CancellationToken ct) =>
        [.. (await tickets.AssignableAsync(ct)).Where(p => p.Id != exceptUserId)];

    internal static ConsultationView View(Consultation c) => new(c.Id, c.Ticket!.Number, c.Ticket.Subject, c.Question, c.AskedById, c.AskedByName,
        c.AskedAt, c.State, c.ClosedAt, c.ClosedByName,
        [.. c.Asked.Select(a => new ConsultationAskView(a.UserId, a.Name, a.AnsweredAt))],
        [.. c.Answers.OrderBy(a => a.At).Select(a => new ConsultationAnswerView(a.UserId, a.Name, a.Text, a.At))]);
}
