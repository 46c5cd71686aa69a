using System.Globalization;
using System.Text;
using System.Text.Json;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Channels.WhatsApp;

/// <summary>
/// Turns one message of Meta's webhook into what the ticket shows: its text, the media to fetch, what it answers or
/// reacts to. Every type Meta documents is read; any other type becomes a visible placeholder, never an error, so one
/// odd message can never block the channel.
/// </summary>
public sealed class WhatsAppMessageReader(IStringLocalizer<Strings> l)
{
    public ReadMessage Read(JsonElement message)
    {
        var type = Str(message, "type") ?? "unknown";
        var context = message.TryGetProperty("context", out var c) ? Str(c, "id") : null;
        var body = message.TryGetProperty(type, out var b) ? b : default;
        return type switch
        {
            "text" => new(type, Str(body, "body") ?? "", null, context),
            "image" or "video" or "sticker" or "audio" or "document" => Media(type, body, context),
            "location" => new(type, Location(body), null, context),
            "contacts" => new(type, Contacts(message), null, context),
            "interactive" => new(type, Interactive(body), null, context),
            "button" => new(type, l["WhatsApp.Msg.Button", Str(body, "text") ?? Str(body, "payload") ?? ""], null, context),
            "reaction" => new(type, Str(body, "emoji") is { Length: > 0 } emoji ? l["WhatsApp.Msg.Reaction", emoji] : l["WhatsApp.Msg.ReactionRemoved"], null,
                context, ReactionTo: Str(body, "message_id")),
            "unsupported" => new(type, l["WhatsApp.Msg.Unsupported", Errors(message)], null, context, Unknown: true),
            _ => new(type, l["WhatsApp.Msg.Unknown", type], null, context, Unknown: true),
        };
    }

    private ReadMessage Media(string type, JsonElement body, string? context)
    {
        var id = Str(body, "id");
        var mime = Str(body, "mime_type") ?? "application/octet-stream";
        var caption = Str(body, "caption");
        var fileName = Str(body, "filename") ?? $"{type}{Extension(mime)}";
        var label = type switch
        {
            "image" => l["WhatsApp.Msg.Image"],
            "video" => l["WhatsApp.Msg.Video"],
            "sticker" => l["WhatsApp.Msg.Sticker"],
            "audio" => body.TryGetProperty("voice", out var voice) && voice.ValueKind == JsonValueKind.True ? l["WhatsApp.Msg.Voice"] : l["WhatsApp.Msg.Audio"],
            _ => l["WhatsApp.Msg.Document", fileName],
        };
        var text = string.IsNullOrWhiteSpace(caption) ? $"[{label}]" : $"[{label}] {caption}";
        return new(type, text, id is null ? null : new MediaRef(id, mime, fileName), context);
    }

    private string Location(JsonElement body)
    {
        var latitude = body.TryGetProperty("latitude", out var la) && la.TryGetDouble(out var lat) ? lat : 0;
        var longitude = body.TryGetProperty("longitude", out var lo) && lo.TryGetDouble(out var lon) ? lon : 0;
        var where = string.Join(", ", new[] { Str(body, "name"), Str(body, "address") }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var coordinates = string.Create(CultureInfo.InvariantCulture, $"{latitude:0.######}, {longitude:0.######}");
        var map = string.Create(CultureInfo.InvariantCulture, $"https://www.openstreetmap.org/?mlat={latitude:0.######}&mlon={longitude:0.######}#map=17/{latitude:0.######}/{longitude:0.######}");
        return l["WhatsApp.Msg.Location", where.Length > 0 ? $"{where} ({coordinates})" : coordinates, map];
    }

    private string Contacts(JsonElement message)
    {
        var text = new StringBuilder();
        if (message.TryGetProperty("contacts", out var contacts) && contacts.ValueKind == JsonValueKind.Array)
        {
            foreach (var contact in contacts.EnumerateArray())
            {
                var name = contact.TryGetProperty("name", out var n) ? Str(n, "formatted_name") ?? Str(n, "first_name") : null;
                var phones = Values(contact, "phones", "phone");
                var emails = Values(contact, "emails", "email");
                var company = contact.TryGetProperty("org", out var org) ? Str(org, "company") : null;
                var parts = new[] { name, company, phones, emails }.Where(p => !string.IsNullOrWhiteSpace(p));
                text.AppendLine(CultureInfo.InvariantCulture, $"• {string.Join(" · ", parts)}");
            }
        }
        return l["WhatsApp.Msg.Contacts", text.ToString().TrimEnd()];
    }

    private string Interactive(JsonElement body)
    {
        var kind = Str(body, "type");
        if (kind is not null && body.TryGetProperty(kind, out var reply))
        {
            var title = Str(reply, "title") ?? Str(reply, "id") ?? "";
            var description = Str(reply, "description");
            return l["WhatsApp.Msg.Choice", string.IsNullOrWhiteSpace(description) ? title : $"{title} — {description}"];
        }
        return l["WhatsApp.Msg.Unknown", $"interactive/{kind}"];
    }

    private static string Errors(JsonElement message) =>
        message.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
            ? string.Join("; ", errors.EnumerateArray().Select(e => $"{(e.TryGetProperty("code", out var c) ? c.ToString() : "")} {Str(e, "title")}".Trim()))
            : "";

    private static string? Values(JsonElement item, string array, string property) =>
        item.TryGetProperty(array, out var values) && values.ValueKind == JsonValueKind.Array
            ? string.Join(", ", values.EnumerateArray().Select(v => Str(v, property)).Where(v => !string.IsNullOrWhiteSpace(v)))
            : null;

    internal static string? Str(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Extension(string mime) => mime.Split(';')[0].Trim() switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/webp" => ".webp",
        "video/mp4" => ".mp4",
        "video/3gpp" => ".3gp",
        "audio/ogg" => ".ogg",
        "audio/mpeg" => ".mp3",
        "audio/aac" => ".aac",
        "audio/mp4" => ".m4a",
        "application/pdf" => ".pdf",
        _ => "",
    };
}

/// <summary>One webhook message as the ticket shows it.</summary>
public sealed record ReadMessage(string Type, string Text, MediaRef? Media, string? Context, string? ReactionTo = null, bool Unknown = false);

public sealed record MediaRef(string Id, string MimeType, string FileName);
