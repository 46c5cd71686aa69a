using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace Ayuda.Tests.Support;

/// <summary>Mail as customers' programs and mail servers write it: new mail, replies, Outlook threads, auto-replies, bounces.</summary>
public static class Letters
{
    /// <summary>An address at a domain no customer has and no other test uses: <c>{local}@correoNNNN.example.test</c>.</summary>
    public static string NewSender(string local = "cliente") => $"{local}@correo{Desk.Next()}.example.test";

    public static MimeMessage Mail(string from, string to, string subject, string text = "Hola, desde esta mañana no puedo emitir facturas.") => new()
    {
        From = { MailboxAddress.Parse(from) },
        To = { MailboxAddress.Parse(to) },
        Subject = subject,
        Date = DateTimeOffset.Now,
        MessageId = MimeUtils.GenerateMessageId(from[(from.IndexOf('@') + 1)..]),
        Body = new TextPart("plain") { Text = text },
    };

    /// <summary>A reply that names the message it answers in In-Reply-To and References, as mail programs do.</summary>
    public static MimeMessage Reply(string from, string to, string subject, SentMail answered, string text = "Gracias. Sigue sin andar.") =>
        Reply(from, to, subject, answered.MessageId!, answered.References, text);

    /// <summary>A reply to a mail the customer sent themselves (their sent folder), as when no answer came.</summary>
    public static MimeMessage Reply(string from, string to, string subject, MimeMessage answered, string text = "Gracias. Sigue sin andar.") =>
        Reply(from, to, subject, answered.MessageId!, answered.References, text);

    private static MimeMessage Reply(string from, string to, string subject, string answeredId, IEnumerable<string> references, string text)
    {
        var reply = Mail(from, to, subject, text);
        reply.InReplyTo = answeredId;
        foreach (var reference in references.Append(answeredId))
        {
            reply.References.Add(reference);
        }
        return reply;
    }

    public static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>Outlook's Thread-Index for a new conversation: a reserved byte, 5 bytes of time, a 16-byte GUID (22 bytes).</summary>
    public static string NewThreadIndex()
    {
        var bytes = new byte[22];
        BitConverter.GetBytes(DateTime.UtcNow.ToFileTimeUtc()).AsSpan(2, 5).CopyTo(bytes.AsSpan(1));
        Guid.NewGuid().ToByteArray().CopyTo(bytes, 6);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>The Thread-Index of a reply in the same conversation: the parent's bytes plus a 5-byte child block.</summary>
    public static string ReplyThreadIndex(string parent) =>
        Convert.ToBase64String([.. Convert.FromBase64String(parent), .. RandomNumberGenerator.GetBytes(5)]);

    /// <summary>
    /// A delivery status notification as Postfix writes it (RFC 3464): the desk's <paramref name="original"/> could not
    /// be delivered to <paramref name="recipient"/>; it comes back whole (message/rfc822) or only its headers (text/rfc822-headers).
    /// </summary>
    public static MimeMessage Bounce(string desk, SentMail original, string recipient, bool wholeMessage)
    {
        var domain = recipient[(recipient.IndexOf('@') + 1)..];
        var originalText = Encoding.UTF8.GetString(original.Raw).Replace("\r\n", "\n");
        var returned = wholeMessage ? originalText : originalText[..originalText.IndexOf("\n\n", StringComparison.Ordinal)] + "\n";
        var boundary = $"B{Guid.NewGuid():N}";
        var text = $"""
            Return-Path: <>
            Date: {DateUtils.FormatDate(DateTimeOffset.Now)}
            From: MAILER-DAEMON@mx.{domain} (Mail Delivery System)
            Subject: Undelivered Mail Returned to Sender
            To: {desk}
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"
            Message-Id: <{Guid.NewGuid():N}@mx.{domain}>

            This is a MIME-encapsulated message.

            --{boundary}
            Content-Description: Notification
            Content-Type: text/plain; charset=us-ascii

            This is the mail system at host mx.{domain}.

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients.

            <{recipient}>: host mx.{domain} said: 550 5.1.1 <{recipient}>: Recipient address rejected: User unknown

            --{boundary}
            Content-Description: Delivery report
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.{domain}
            Arrival-Date: {DateUtils.FormatDate(DateTimeOffset.Now)}

            Final-Recipient: rfc822; {recipient}
            Original-Recipient: rfc822;{recipient}
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 <{recipient}>: Recipient address rejected: User unknown

            --{boundary}
            Content-Description: {(wholeMessage ? "Undelivered Message" : "Undelivered Message Headers")}
            Content-Type: {(wholeMessage ? "message/rfc822" : "text/rfc822-headers")}

            {returned}
            --{boundary}--

            """;
        return MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n"))));
    }
}
