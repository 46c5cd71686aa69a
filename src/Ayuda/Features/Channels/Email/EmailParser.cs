using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Ganss.Xss;
using MimeKit;

namespace Ayuda.Features.Channels.Email;

/// <summary>
/// Turns raw RFC 822 bytes into a <see cref="ParsedEmail"/> with MimeKit: charsets decoded, HTML sanitised, quoted
/// history split off, attachments with safe names and sniffed types, automatic mail and bounces recognised.
/// Throws <see cref="UnreadableEmailException"/> for what cannot be imported (the importer quarantines it).
/// </summary>
public static partial class EmailParser
{
    private const int MaxTextLength = 100_000;
    private const int MaxSubjectLength = 300;


    public static ParsedEmail Parse(byte[] raw)
    {
        if (raw.AsSpan().IndexOf((byte)'\r') >= 0 && raw.AsSpan().IndexOf((byte)'\n') < 0)
        {
            throw new UnreadableEmailException("The message uses bare CR line endings: its headers and body cannot be told apart.");
        }
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            message = MimeMessage.Load(new ParserOptions { MaxMimeDepth = 256 }, stream);
        }
        catch (Exception e) when (e is FormatException or ParseException or InvalidOperationException or ArgumentException)
        {
            throw new UnreadableEmailException($"The message could not be parsed: {e.Message}");
        }

        if (message.Headers.Count(h => h.Id == HeaderId.From) > 1)
        {
            throw new UnreadableEmailException("The message has two From headers (a sign of spoofing): who wrote it is unclear.");
        }
        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender ?? message.ReplyTo.Mailboxes.FirstOrDefault();
        if (from is null || string.IsNullOrWhiteSpace(from.Address) || !from.Address.Contains('@'))
        {
            throw new UnreadableEmailException("The message has no sender address (From).");
        }
        var messageId = Clean(message.MessageId);
        var externalId = messageId ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw));
        var subject = Clip(message.Subject?.Trim() ?? "", MaxSubjectLength);
        var references = message.References.Select(Clean).OfType<string>().Distinct().Take(100).ToList();

        var html = message.HtmlBody;
        var text = message.TextBody;
        if (string.IsNullOrWhiteSpace(text) && !string.IsNullOrWhiteSpace(html))
        {
            text = HtmlText.From(html);
        }
        var (fresh, quoted) = SplitQuoted(Clip(text ?? "", MaxTextLength));

        return new ParsedEmail(
            externalId,
            messageId,
            from.Address.Trim().ToLowerInvariant(),
            Clip(from.Name?.Trim() ?? "", 200),
            message.To.Mailboxes.Select(m => m.Address).Take(100).ToList(),
            message.Cc.Mailboxes.Select(m => m.Address).Take(100).ToList(),
            subject,
            message.Date == DateTimeOffset.MinValue ? null : message.Date,
            Clean(message.InReplyTo),
            references,
            ThreadKey(message.Headers["Thread-Index"]),
            fresh,
            quoted,
            string.IsNullOrWhiteSpace(html) ? null : Sanitize(html),
            Attachments(message, html),
            AutomaticReason(message, from.Address),
            FindBounce(message, from.Address),
            CalendarReplies.Find(message));
    }

    /// <summary>Why this message was written by a machine (and must never be answered automatically), or null.</summary>
    internal static string? AutomaticReason(MimeMessage message, string fromAddress)
    {
        var autoSubmitted = message.Headers[HeaderId.AutoSubmitted];
        if (!string.IsNullOrWhiteSpace(autoSubmitted) && !autoSubmitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return $"Auto-Submitted: {autoSubmitted.Trim()}";
        }
        var precedence = message.Headers[HeaderId.Precedence]?.Trim().ToLowerInvariant();
        if (precedence is "bulk" or "junk" or "list")
        {
            return $"Precedence: {precedence}";
        }
        if (message.Headers.Contains(HeaderId.ListId))
        {
            return "List-Id";
        }
        if (message.Headers.Contains("X-Loop"))
        {
            return "X-Loop";
        }
        if (message.Headers.Contains("X-Autoreply") || message.Headers.Contains("X-Autorespond"))
        {
            return "X-Autoreply";
        }
        var local = fromAddress[..Math.Max(0, fromAddress.IndexOf('@'))].ToLowerInvariant();
        if (local is "mailer-daemon" or "postmaster" || local.StartsWith("noreply", StringComparison.Ordinal) || local.StartsWith("no-reply", StringComparison.Ordinal))
        {
            return $"Sender {local}";
        }
        return null;
    }

    internal static Bounce? FindBounce(MimeMessage message, string fromAddress)
    {
        var report = message.Body as MultipartReport ?? message.BodyParts.OfType<MultipartReport>().FirstOrDefault();
        var isReport = report is not null && string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase);
        var local = fromAddress[..Math.Max(0, fromAddress.IndexOf('@'))].ToLowerInvariant();
        if (!isReport && local is not ("mailer-daemon" or "postmaster"))
        {
            return null;
        }
        var recipient = "";
        var reason = message.Subject ?? "";
        var status = message.BodyParts.OfType<MessageDeliveryStatus>().FirstOrDefault();
        if (status is not null)
        {
            foreach (var group in status.StatusGroups.Skip(1))
            {
                recipient = StripType(group["Final-Recipient"] ?? group["Original-Recipient"] ?? recipient);
                reason = group["Diagnostic-Code"] ?? group["Status"] ?? reason;
                break;
            }
        }
        var original = message.BodyParts.OfType<MessagePart>().Select(p => Clean(p.Message?.MessageId)).FirstOrDefault(id => id is not null)
            ?? OriginalIdFromText(message.TextBody);
        return new Bounce(original, Clip(recipient, 320), Clip(StripType(reason), 1000));
    }

    private static string? OriginalIdFromText(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var match = MessageIdLine().Match(text);
        return match.Success ? Clean(match.Groups[1].Value) : null;
    }

    private static string StripType(string value)
    {
        var semicolon = value.IndexOf(';');
        return (semicolon >= 0 ? value[(semicolon + 1)..] : value).Trim();
    }

    private static List<ParsedAttachment> Attachments(MimeMessage message, string? html)
    {
        var result = new List<ParsedAttachment>();
        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            var isBody = part is TextPart text && !part.IsAttachment && (text.IsPlain || text.IsHtml);
            if (isBody || (part.Content is null && part.FileName is null))
            {
                continue;
            }
            using var buffer = new MemoryStream();
            try
            {
                part.Content?.DecodeTo(buffer);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                continue;
            }
            var bytes = buffer.ToArray();
            var declared = part.ContentType.MimeType.ToLowerInvariant();
            var name = SafeFileNames.From(part.FileName, declared);
            // Inline means shown inside the HTML: an image the HTML refers to by cid:. Anything else is a file to download.
            var contentId = Clean(part.ContentId);
            var inline = contentId is not null && html is not null && html.Contains("cid:" + contentId, StringComparison.OrdinalIgnoreCase);
            result.Add(new ParsedAttachment(name, ContentSniffer.TypeOf(bytes, declared), bytes, contentId, inline));
            if (result.Count >= 200)
            {
                break;
            }
        }
        foreach (var attached in message.Attachments.OfType<MessagePart>().Take(50))
        {
            using var buffer = new MemoryStream();
            attached.Message?.WriteTo(buffer);
            result.Add(new ParsedAttachment(SafeFileNames.From(attached.ContentDisposition?.FileName ?? (attached.Message?.Subject + ".eml"), "message/rfc822"),
                "message/rfc822", buffer.ToArray(), null, false));
        }
        return result;
    }

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        // Images only from the message itself (cid:) or inline data; no remote loads (tracking pixels).
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("cid");
        sanitizer.AllowedTags.Remove("img");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedCssProperties.Clear();
        return sanitizer;
    }

    public static string Sanitize(string html) => Sanitizer.Sanitize(Clip(html, 2_000_000));

    /// <summary>Splits the customer's new words from the quoted history below them ("El … escribió:", "&gt;" lines, Outlook headers).</summary>
    public static (string Fresh, string Quoted) SplitQuoted(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var startsQuote = QuoteIntro().IsMatch(line) || OriginalMessage().IsMatch(line)
                || (OutlookFrom().IsMatch(line) && lines.Skip(i + 1).Take(4).Any(l => OutlookSent().IsMatch(l.Trim())))
                || (line.StartsWith('>') && lines.Skip(i).Where(l => l.Trim().Length > 0).All(l => l.TrimStart().StartsWith('>')));
            if (startsQuote && i > 0)
            {
                return (string.Join('\n', lines[..i]).TrimEnd(), string.Join('\n', lines[i..]).Trim());
            }
        }
        return (text.Trim(), "");
    }

    /// <summary>Outlook's Thread-Index: its first 22 bytes name the conversation.</summary>
    internal static string? ThreadKey(string? threadIndex)
    {
        if (string.IsNullOrWhiteSpace(threadIndex))
        {
            return null;
        }
        try
        {
            var bytes = Convert.FromBase64String(threadIndex.Trim());
            return bytes.Length >= 22 ? Convert.ToBase64String(bytes, 0, 22) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? Clean(string? messageId)
    {
        if (string.IsNullOrWhiteSpace(messageId))
        {
            return null;
        }
        var id = messageId.Trim().Trim('<', '>').Trim();
        return id.Length is 0 or > 900 ? null : id;
    }

    private static string Clip(string value, int max) => value.Length > max ? value[..max] : value;

    [GeneratedRegex(@"^(On|El|Em|Le)\s.{4,200}(wrote|escribió|escreveu|a écrit)\s*:$", RegexOptions.IgnoreCase)]
    private static partial Regex QuoteIntro();

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Mensaje original|Forwarded message|Mensaje reenviado)\s*-{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^\*?(From|De):\*?\s+\S", RegexOptions.IgnoreCase)]
    private static partial Regex OutlookFrom();

    [GeneratedRegex(@"^\*?(Sent|Enviado|Date|Fecha|Enviado el):\*?\s+\S", RegexOptions.IgnoreCase)]
    private static partial Regex OutlookSent();

    [GeneratedRegex(@"^Message-ID:\s*(<[^>\r\n]+>)", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex MessageIdLine();
}

/// <summary>A message that cannot be imported; the reason is shown to Administration with the quarantined message.</summary>
public sealed class UnreadableEmailException(string reason) : Exception(reason);
