using Ayuda.Data;
using Ayuda.Features.Channels.Email;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Notifications;

/// <summary>A staff member to tell something: their bell, their address, and the language they read Ayuda in.</summary>
public sealed record StaffRecipient(string Id, string Name, string? Email, string Language);

/// <summary>
/// Tells staff members something that needs them (a consultation, a requirement handed over): a notice on their bell
/// and an email through the outbox, each in the recipient's language, added to the caller's transaction.
/// </summary>
public sealed class StaffAlerts(StaffNotices notices, OutboxSignal signal, IOptionsMonitor<EmailOptions> email, IOptions<AyudaOptions> ayuda, IStringLocalizer<Strings> l)
{
    /// <summary>What to say, composed once per recipient in their language: the bell's line, the mail's subject and body.</summary>
    public delegate (string Notice, string Subject, string Body) Compose(IStringLocalizer<Strings> l);

    public static Task<List<StaffRecipient>> RecipientsAsync(AyudaDb db, IEnumerable<string> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id) && u.IsActive)
            .Select(u => new StaffRecipient(u.Id, u.DisplayName, u.Email, u.Language)).ToListAsync(ct);
    }

    public static Task<List<StaffRecipient>> InRoleAsync(AyudaDb db, string role, CancellationToken ct)
    {
        var roleIds = db.Roles.Where(r => r.Name == role).Select(r => r.Id);
        return db.Users.AsNoTracking().Where(u => u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .Select(u => new StaffRecipient(u.Id, u.DisplayName, u.Email, u.Language)).ToListAsync(ct);
    }

    /// <summary>Adds a notice and a mail for each person to <paramref name="db"/>; returns whom to <see cref="Announce"/> once committed.</summary>
    public IReadOnlyCollection<string> Tell(AyudaDb db, IEnumerable<StaffRecipient> people, OutboxKind kind, string link, Compose compose, DateTimeOffset now)
    {
        var told = new List<string>();
        var desk = email.CurrentValue;
        var url = string.IsNullOrWhiteSpace(ayuda.Value.PublicUrl) ? null : ayuda.Value.PublicUrl.TrimEnd('/') + link;
        foreach (var person in people.DistinctBy(p => p.Id))
        {
            var (notice, subject, body) = InLanguage(person.Language, compose);
            db.StaffNotices.Add(new StaffNotice(person.Id, notice, link, now));
            told.Add(person.Id);
            if (!string.IsNullOrWhiteSpace(person.Email))
            {
                var text = url is null ? body : $"{body}\n\n{url}";
                db.Outbox.Add(new OutboxMessage(kind, null, desk.FromHeader, person.Email, "", subject, text,
                    EmailComposer.NewMessageId(kind.ToString().ToLowerInvariant(), desk), null, null, now));
            }
        }
        return told;
    }

    /// <summary>The change committed: bells light up on open pages and the mails go out.</summary>
    public void Announce(IReadOnlyCollection<string> told)
    {
        notices.Announce(told);
        signal.Notify();
    }

    // Staff languages are "es-AR" or "en", as customers' are "es" or "en".
    private (string, string, string) InLanguage(string language, Compose compose) => ReaderCulture.In(language, () => compose(l));
}
