using System.Net.Sockets;
using Ayuda.Features.Notifications;
using Ayuda.Resources;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Channels.Email;

/// <summary>"Probar conexión": connects, authenticates and (for a mailbox) opens both folders, and says in plain words what failed.</summary>
public sealed class MailConnectionTester(IStringLocalizer<Strings> l)
{
    public sealed record Result(bool Ok, string Message);

    public async Task<Result> SmtpAsync(SmtpSettings smtp, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return new(false, l["MailTest.NoHost"]);
        }
        try
        {
            using var client = new SmtpClient { Timeout = 15_000 };
            await SmtpMailSender.ConnectAsync(client, smtp, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return new(true, l["MailTest.SmtpOk", smtp.Host, smtp.Port]);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new(false, Explain(e, smtp.Host, smtp.Port));
        }
    }

    public async Task<Result> MailboxAsync(MailboxSettings mailbox, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(mailbox.Host))
        {
            return new(false, l["MailTest.NoHost"]);
        }
        try
        {
            using var client = new ImapClient { Timeout = 15_000 };
            await ImapPoller.ConnectAsync(client, mailbox, cancellationToken);
            var folder = await client.GetFolderAsync(mailbox.Folder, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
            var count = folder.Count;
            string processed;
            try
            {
                await client.GetFolderAsync(mailbox.ProcessedFolder, cancellationToken);
                processed = l["MailTest.ProcessedExists", mailbox.ProcessedFolder];
            }
            catch (FolderNotFoundException)
            {
                processed = l["MailTest.ProcessedWillBeCreated", mailbox.ProcessedFolder];
            }
            await client.DisconnectAsync(true, cancellationToken);
            return new(true, $"{l["MailTest.ImapOk", mailbox.Host, mailbox.Port, mailbox.Folder, count]} {processed}");
        }
        catch (FolderNotFoundException)
        {
            return new(false, l["MailTest.FolderMissing", mailbox.Folder]);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new(false, Explain(e, mailbox.Host, mailbox.Port));
        }
    }

    private string Explain(Exception e, string host, int port) => e switch
    {
        SocketException s => l["MailTest.CannotConnect", host, port, s.Message],
        AuthenticationException => l["MailTest.AuthFailed"],
        SslHandshakeException => l["MailTest.TlsFailed", e.Message],
        TimeoutException or OperationCanceledException => l["MailTest.Timeout", host, port],
        IOException => l["MailTest.CannotConnect", host, port, e.Message],
        _ => l["MailTest.Other", e.Message],
    };
}
