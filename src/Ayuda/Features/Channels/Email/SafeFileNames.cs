using System.Globalization;
using System.Text;

namespace Ayuda.Features.Channels.Email;

/// <summary>File names from strangers made harmless: no paths, no control or direction-override characters, bounded length.</summary>
public static class SafeFileNames
{
    public static string From(string? name, string contentType)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var clean = new StringBuilder(last.Length);
        foreach (var c in last.Normalize(NormalizationForm.FormC))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned
                || c is '<' or '>' or ':' or '"' or '|' or '?' or '*')
            {
                continue;
            }
            clean.Append(c);
        }
        var result = clean.ToString().Trim().Trim('.').Trim();
        if (result.Length == 0)
        {
            result = "adjunto" + ExtensionFor(contentType);
        }
        if (result.Length > 120)
        {
            var extension = Path.GetExtension(result);
            extension = extension.Length is > 0 and <= 10 ? extension : "";
            result = result[..(120 - extension.Length)] + extension;
        }
        return result;
    }

    private static string ExtensionFor(string contentType) => contentType switch
    {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/gif" => ".gif",
        "text/plain" => ".txt",
        "text/calendar" => ".ics",
        "message/rfc822" => ".eml",
        _ => ".bin",
    };
}

/// <summary>The type a file really is, from its first bytes, when they say so; otherwise what the sender declared.</summary>
public static class ContentSniffer
{
    private static readonly (byte[] Magic, string Type)[] Signatures =
    [
        ("%PDF-"u8.ToArray(), "application/pdf"),
        ([0x89, (byte)'P', (byte)'N', (byte)'G'], "image/png"),
        ([0xFF, 0xD8, 0xFF], "image/jpeg"),
        ("GIF8"u8.ToArray(), "image/gif"),
        ("MZ"u8.ToArray(), "application/x-msdownload"),
        ([0x7F, (byte)'E', (byte)'L', (byte)'F'], "application/x-executable"),
        ([(byte)'P', (byte)'K', 0x03, 0x04], "application/zip"),
        ([0xD0, 0xCF, 0x11, 0xE0], "application/x-ole-storage"),
        ([0x78, 0x9F, 0x3E, 0x22], "application/ms-tnef"),
    ];

    public static string TypeOf(byte[] bytes, string declared)
    {
        foreach (var (magic, type) in Signatures)
        {
            if (bytes.AsSpan().StartsWith(magic))
            {
                // Office documents are zip or OLE containers: keep the precise declared type when it is one of those.
                return type is "application/zip" or "application/x-ole-storage" && (declared.Contains("officedocument") || declared.Contains("ms"))
                    ? declared
                    : type;
            }
        }
        return string.IsNullOrWhiteSpace(declared) ? "application/octet-stream" : declared;
    }
}
