using Ayuda.Features.Channels.Email;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Ayuda.Features.Notifications;

/// <summary>Sends one outbox row over SMTP with MailKit, keeping its Message-ID and threading headers.</summary>
public sealed class SmtpMailSender(IOptionsMonitor<EmailOptions> options) : IOutboxChannel
{
    public Tickets.Channel Channel => Tickets.Channel.Email;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.CurrentValue.Smtp.Host);

    public SendFailure Classify(Exception error) => new(IsPermanent(error), error.Message);

    public async Task<string?> SendAsync(OutboxMessage outbox, CancellationToken cancellationToken)
    {
        var message = ToMime(outbox);
        using var client = new SmtpClient { Timeout = options.CurrentValue.Smtp.TimeoutSeconds * 1000 };
        await ConnectAsync(client, options.CurrentValue.Smtp, cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        return null;
    }

    public static async Task ConnectAsync(SmtpClient client, SmtpSettings smtp, CancellationToken cancellationToken)
    {
        await client.ConnectAsync(smtp.Host, smtp.Port, MailSecurityOptions.For(smtp.Security, smtp.Port), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Password, cancellationToken);
        }
    }

    /// <summary>Permanent failures are not retried: the server refused the recipient or the message itself.</summary>
    public static bool IsPermanent(Exception e) => e switch
    {
        SmtpCommandException c => (int)c.StatusCode >= 500,
        AuthenticationException => false,
        _ => false,
    };

    internal static MimeMessage ToMime(OutboxMessage outbox)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(outbox.From));
        message.To.AddRange(InternetAddressList.Parse(outbox.To));
        if (!string.IsNullOrWhiteSpace(outbox.Cc))
        {
            message.Cc.AddRange(InternetAddressList.Parse(outbox.Cc));
        }
        message.Subject = outbox.Subject;
        message.MessageId = outbox.MessageId;
        if (outbox.InReplyTo is { } inReplyTo)
        {
            message.InReplyTo = inReplyTo;
        }
        foreach (var reference in (outbox.References ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            message.References.Add(reference);
        }
        if (outbox.Kind == OutboxKind.Acknowledgement)
        {
            // RFC 3834: an automatic answer says so, so other systems do not answer it back.
            message.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
            message.Headers.Add("X-Auto-Response-Suppress", "All");
        }
        var text = new TextPart("plain") { Text = outbox.Text };
        message.Body = outbox.Calendar is { } ics ? WithCalendar(text, ics) : text;
        return message;
    }

    /// <summary>
    /// An invitation as mail programs expect it (Outlook, Gmail, Thunderbird): the text and the calendar as
    /// alternatives, the calendar part naming its METHOD, and the same calendar attached as <c>invite.ics</c> for
    /// programs that only look at attachments.
    /// </summary>
    private static Multipart WithCalendar(TextPart text, string ics)
    {
        var method = ics.Split('\n').Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith("METHOD:", StringComparison.OrdinalIgnoreCase))?[7..] ?? "REQUEST";
        var inline = new TextPart("calendar") { Text = ics, ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        inline.ContentType.Parameters.Add("method", method);
        inline.ContentType.Charset = "utf-8";
        var attachment = new MimePart("application", "ics")
        {
            Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ics))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = "invite.ics",
        };
        var alternative = new MultipartAlternative { text, inline };
        return new Multipart("mixed") { alternative, attachment };
    }
}

public static class MailSecurityOptions
{
    public static SecureSocketOptions For(MailSecurity security, int port) => security switch
    {
        MailSecurity.None => SecureSocketOptions.None,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => port is 465 or 993 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable,
    };
}
