using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ayuda.Testing.WhatsApp;

/// <summary>
/// Writes JSON the way Meta's servers do: compact, every non-ASCII character as a lowercase <c>\uXXXX</c> escape and
/// every <c>/</c> as <c>\/</c>. Real webhook captures look like <c>"caption":"caf\u00e9"</c> and
/// <c>"mime_type":"image\/jpeg"</c>, and Meta signs exactly those bytes ("an escaped unicode version of the payload,
/// with lowercase hex digits"), so a product that re-serializes before checking the signature fails here as it would
/// in production.
/// </summary>
public static class MetaJson
{
    private static readonly JsonSerializerOptions Relaxed = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>The UTF-8 bytes of <paramref name="node"/> as Meta would send them.</summary>
    public static byte[] Serialize(JsonNode node) => Encoding.UTF8.GetBytes(ToText(node));

    /// <summary>The text of <paramref name="node"/> as Meta would send it (pure ASCII).</summary>
    public static string ToText(JsonNode node) => EscapeLikeMeta(node.ToJsonString(Relaxed));

    /// <summary>Re-escapes compact JSON text: only string contents can hold non-ASCII characters or slashes.</summary>
    private static string EscapeLikeMeta(string json)
    {
        var text = new StringBuilder(json.Length + 32);
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (c == '\\')
            {
                i = CopyEscape(json, i, text);
            }
            else if (c == '/')
            {
                text.Append("\\/");
            }
            else if (c >= 0x80)
            {
                AppendUnicodeEscape(text, c);
            }
            else
            {
                text.Append(c);
            }
        }
        return text.ToString();
    }

    /// <summary>Copies an escape the serializer already wrote, lowering the hex digits of <c>\uXXXX</c>.</summary>
    private static int CopyEscape(string json, int at, StringBuilder text)
    {
        var kind = json[at + 1];
        if (kind != 'u')
        {
            text.Append('\\').Append(kind);
            return at + 1;
        }
        text.Append("\\u").Append(json.AsSpan(at + 2, 4).ToString().ToLowerInvariant());
        return at + 5;
    }

    private static void AppendUnicodeEscape(StringBuilder text, char c) =>
        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
}
