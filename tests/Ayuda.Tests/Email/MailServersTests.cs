using System.Net.Sockets;
using Ayuda.Tests.Support;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Ayuda.Tests.Email;

/// <summary>The mail fixture works for real: Dovecot holds mail a client can read and move, smtp4dev catches what is sent.</summary>
public sealed class MailServersTests(MailServers mail)
{
    [Fact]
    public async Task Delivered_mail_is_read_over_IMAP_and_moved_to_Processed()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var user = await mail.CreateMailboxAsync();
        var other = await mail.CreateMailboxAsync();
        var message = Mail("cliente@example.test", user.Address, "Se cayó el sistema");
        await mail.DeliverAsync(user, Bytes(message));

        using (var client = new ImapClient())
        {
            await client.ConnectAsync(mail.ImapHost, mail.ImapPort, SecureSocketOptions.None, cancellation);
            await client.AuthenticateAsync(user.Address, user.Password, cancellation);
            Assert.True(client.Capabilities.HasFlag(ImapCapabilities.Move), "Dovecot offers MOVE");
            Assert.True(client.Capabilities.HasFlag(ImapCapabilities.UidPlus), "Dovecot offers UIDPLUS");
            var inbox = client.Inbox;
            await inbox.OpenAsync(FolderAccess.ReadWrite, cancellation);
            var summaries = await inbox.FetchAsync(0, -1, MessageSummaryItems.Envelope | MessageSummaryItems.UniqueId, cancellation);
            var received = Assert.Single(summaries);
            Assert.Equal(message.MessageId, received.Envelope!.MessageId);
            Assert.Equal("Se cayó el sistema", received.Envelope.Subject);
            var body = await inbox.GetMessageAsync(received.UniqueId, cancellation);
            Assert.Equal("Hola, no anda nada.", body.TextBody?.Trim());

            var processed = await client.GetFolderAsync("Processed", cancellation);
            await inbox.MoveToAsync(received.UniqueId, processed, cancellation);
            await client.DisconnectAsync(true, cancellation);
        }

        Assert.Empty(await mail.FolderMessageIdsAsync(user, "INBOX"));
        Assert.Equal([message.MessageId!], await mail.FolderMessageIdsAsync(user, "Processed"));
        Assert.Empty(await mail.FolderMessageIdsAsync(other, "INBOX"));
        Assert.Empty(await mail.FolderMessageIdsAsync(other, "Processed"));
    }

    [Fact]
    public async Task Mail_sent_over_SMTP_is_caught_with_its_headers()
    {
        var message = Mail("soporte@ayuda.test", "cliente@example.test", $"Re: Ticket {Guid.NewGuid():N}");
        message.Cc.Add(MailboxAddress.Parse("jefe@example.test"));
        message.Bcc.Add(MailboxAddress.Parse("archivo@ayuda.test"));
        message.InReplyTo = "original@example.test";
        message.References.Add("first@example.test");
        message.References.Add("original@example.test");

        await SendAsync(mail, message);

        var sent = Assert.Single(await mail.SentAsync(), m => m.MessageId == message.MessageId);
        Assert.Equal("soporte@ayuda.test", sent.From);
        Assert.Equal(["cliente@example.test"], sent.To);
        Assert.Equal(["jefe@example.test"], sent.Cc);
        Assert.Equal(["archivo@ayuda.test", "cliente@example.test", "jefe@example.test"], sent.Recipients.Order());
        Assert.Equal(message.Subject, sent.Subject);
        Assert.Equal("original@example.test", sent.InReplyTo);
        Assert.Equal(["first@example.test", "original@example.test"], sent.References);
        Assert.Contains($"Message-ID: <{message.MessageId}>", sent.RawText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("archivo@ayuda.test", sent.RawText);
        Assert.Equal("Hola, no anda nada.", sent.Message.TextBody?.Trim());
    }

    internal static MimeMessage Mail(string from, string to, string subject) => new()
    {
        From = { MailboxAddress.Parse(from) },
        To = { MailboxAddress.Parse(to) },
        Subject = subject,
        MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("example.test"),
        Body = new TextPart("plain") { Text = "Hola, no anda nada." },
    };

    internal static async Task SendAsync(MailServers mail, MimeMessage message)
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var client = new SmtpClient();
        await client.ConnectAsync(mail.SmtpHost, mail.SmtpPort, SecureSocketOptions.None, cancellation);
        await client.SendAsync(message, cancellation);
        await client.DisconnectAsync(true, cancellation);
    }

    private static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }
}

/// <summary>smtp4dev can be taken down and brought back on the same port, as a mail server outage would.</summary>
[Collection(MailServers.Exclusive)]
public sealed class MailServersOutageTests(MailServers mail)
{
    [Fact]
    public async Task Smtp_refuses_connections_while_stopped_and_takes_mail_again_once_started()
    {
        var before = MailServersTests.Mail("soporte@ayuda.test", "cliente@example.test", "Antes del corte");
        await MailServersTests.SendAsync(mail, before);
        var port = mail.SmtpPort;

        await mail.StopSmtpAsync();
        try
        {
            using var client = new SmtpClient();
            await Assert.ThrowsAsync<SocketException>(() =>
                client.ConnectAsync(mail.SmtpHost, port, SecureSocketOptions.None, TestContext.Current.CancellationToken));
        }
        finally
        {
            await mail.StartSmtpAsync();
        }

        Assert.Equal(port, mail.SmtpPort);
        var after = MailServersTests.Mail("soporte@ayuda.test", "cliente@example.test", "Después del corte");
        await MailServersTests.SendAsync(mail, after);
        var ids = (await mail.SentAsync()).Select(m => m.MessageId).ToList();
        Assert.Contains(before.MessageId, ids);
        Assert.Contains(after.MessageId, ids);
    }

    [Fact]
    public async Task Clearing_forgets_what_was_sent()
    {
        await MailServersTests.SendAsync(mail, MailServersTests.Mail("soporte@ayuda.test", "cliente@example.test", "Para borrar"));
        Assert.NotEmpty(await mail.SentAsync());

        await mail.ClearSentAsync();

        Assert.Empty(await mail.SentAsync());
    }
}
