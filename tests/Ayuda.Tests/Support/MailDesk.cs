using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ayuda.Data;
using MimeKit;

namespace Ayuda.Tests.Support;

/// <summary>
/// A <see cref="Desk"/> whose email channel is live: it reads a Dovecot mailbox of its own (its address is the desk's
/// address) every second and sends through smtp4dev. <see cref="MailServer"/> is the integration that pipes raw mail
/// into <c>POST /api/v1/channels/email/raw</c>. Tests find their mail by a sender address nobody else uses.
/// </summary>
public abstract partial class MailDesk(DatabaseProvider provider, PostgresServer? postgres, MailServers mail) : Desk(provider, postgres), IAsyncLifetime
{
    public MailServers Mail => mail;
    public MailboxUser Mailbox { get; private set; } = null!;

    /// <summary>The desk's own address, where customers write.</summary>
    public string Address => Mailbox.Address;

    /// <summary>A client signed in with the Channel role, as a mail server piping messages in.</summary>
    public HttpClient MailServer { get; private set; } = null!;

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        Mailbox = await mail.CreateMailboxAsync();
        App.UseMail(mail, Mailbox);
        await InitializeAsync();
        MailServer = await StaffAsync("correo", "Servidor de correo", "Channel");
    }

    /// <summary>Delivers to the desk's INBOX, as the desk's mail server would.</summary>
    public Task DeliverAsync(MimeMessage message) => mail.DeliverAsync(Mailbox, Letters.Bytes(message));

    /// <summary>Delivers and waits until the desk has read it and moved it to Processed (so its import is committed).</summary>
    public async Task DeliverAndWaitAsync(MimeMessage message)
    {
        await DeliverAsync(message);
        await ProcessedAsync(message.MessageId);
    }

    public Task<IReadOnlyList<string>> ProcessedAsync(string? messageId, int copies = 1) =>
        Eventually.Async(() => mail.FolderMessageIdsAsync(Mailbox, "Processed"), ids => ids.Count(id => id == messageId) >= copies,
            $"{copies} cop{(copies == 1 ? "y" : "ies")} of {messageId} moved to Processed");

    public Task<IReadOnlyList<string>> InboxAsync() => mail.FolderMessageIdsAsync(Mailbox, "INBOX");

    /// <summary>Posts a raw message as the mail server integration does; the answer's body.</summary>
    public async Task<JsonElement> PostRawAsync(MimeMessage message, HttpStatusCode expected)
    {
        using var content = new ByteArrayContent(Letters.Bytes(message));
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        return await Api.Json(await MailServer.PostAsync("/api/v1/channels/email/raw", content, TestContext.Current.CancellationToken), expected);
    }

    /// <summary>What smtp4dev caught addressed to <paramref name="address"/>.</summary>
    public async Task<IReadOnlyList<SentMail>> SentToAsync(string address) =>
        [.. (await mail.SentAsync()).Where(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase))];

    /// <summary>Waits until at least <paramref name="count"/> mails to <paramref name="address"/> arrived at smtp4dev.</summary>
    public Task<IReadOnlyList<SentMail>> SentToAsync(string address, int count, double seconds = 20) =>
        Eventually.Async(() => SentToAsync(address), sent => sent.Count >= count, $"{count} mail(s) sent to {address}", seconds);

    /// <summary>
    /// A new customer writes and gets the acknowledgement. The outbox sends oldest first, so once this arrives
    /// every mail imported before it has been answered, if it was going to be.
    /// </summary>
    public async Task<SentMail> SentinelAsync()
    {
        var sender = Letters.NewSender();
        await DeliverAsync(Letters.Mail(sender, Address, "Control: ¿llegó todo lo anterior?"));
        return (await SentToAsync(sender, 1))[0];
    }

    /// <summary>The email tickets whose sender is <paramref name="address"/>, oldest first.</summary>
    public async Task<List<JsonElement>> TicketsFromAsync(string address)
    {
        var found = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var url = "/api/v1/tickets?channel=email&limit=200" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await Api.Json(await Consultant.GetAsync(url, TestContext.Current.CancellationToken), HttpStatusCode.OK);
            found.AddRange(page.Items().Where(t => string.Equals(t.GetProperty("from").GetString(), address, StringComparison.OrdinalIgnoreCase)));
            cursor = page.GetProperty("next").GetString();
        }
        while (cursor is not null);
        return found;
    }

    public async Task<JsonElement> TicketAsync(string number) =>
        await Api.Json(await Consultant.GetAsync($"/api/v1/tickets/{number}", TestContext.Current.CancellationToken), HttpStatusCode.OK);

    /// <summary>The ticket number in a subject's token, <c>[#2026-000123]</c>.</summary>
    public static string NumberIn(string subject)
    {
        var match = SubjectToken().Match(subject);
        Assert.True(match.Success, $"No [#number] in the subject '{subject}'");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"\[#(\d{4}-\d{6,7})\]")]
    private static partial Regex SubjectToken();
}

public sealed class SqliteMailDesk(MailServers mail) : MailDesk(DatabaseProvider.Sqlite, null, mail);

public sealed class PostgresMailDesk(PostgresServer postgres, MailServers mail) : MailDesk(DatabaseProvider.Postgres, postgres, mail);
