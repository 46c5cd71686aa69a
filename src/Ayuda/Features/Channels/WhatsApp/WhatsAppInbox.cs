using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ayuda.Data;
using Ayuda.Features.Notifications;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Channels.WhatsApp;

/// <summary>
/// What the webhook does with a verified payload, quickly, so Meta gets its 200: each message is stored once (unique
/// on its wamid; Meta redelivers) for <see cref="WhatsAppImporter"/> to make into a ticket, and each status report
/// updates the outgoing message it names.
/// </summary>
public sealed class WhatsAppInbox(
    IDbContextFactory<AyudaDb> contexts,
    IOptionsMonitor<WhatsAppOptions> options,
    ChannelAlerts alerts,
    WhatsAppSignal signal,
    TimeProvider clock,
    IStringLocalizer<Strings> l,
    ILogger<WhatsAppInbox> logger)
{
    /// <summary><paramref name="Deferred"/>: status reports for a message whose send is still being recorded; Meta must retry them.</summary>
    public sealed record Accepted(int Messages, int Duplicates, int Statuses, int Deferred = 0);

    public async Task<Accepted> AcceptAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        int stored = 0, duplicates = 0, statuses = 0, deferred = 0;
        if (!payload.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            return new(0, 0, 0);
        }
        foreach (var entry in entries.EnumerateArray())
        {
            if (!entry.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            foreach (var change in changes.EnumerateArray())
            {
                if (WhatsAppMessageReader.Str(change, "field") != "messages" || !change.TryGetProperty("value", out var value))
                {
                    continue;
                }
                var phoneNumberId = value.TryGetProperty("metadata", out var metadata) ? WhatsAppMessageReader.Str(metadata, "phone_number_id") ?? "" : "";
                if (options.CurrentValue.Number(phoneNumberId) is null)
                {
                    logger.LogWarning("WhatsApp webhook for number {PhoneNumberId}, which is not configured: ignored", phoneNumberId);
                    continue;
                }
                var names = Names(value);
                if (value.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
                {
                    foreach (var message in messages.EnumerateArray())
                    {
                        if (await StoreAsync(phoneNumberId, names, message, cancellationToken))
                        {
                            stored++;
                        }
                        else
                        {
                            duplicates++;
                        }
                    }
                }
                if (value.TryGetProperty("statuses", out var reports) && reports.ValueKind == JsonValueKind.Array)
                {
                    foreach (var status in reports.EnumerateArray())
                    {
                        if (await ApplyStatusAsync(phoneNumberId, status, cancellationToken))
                        {
                            statuses++;
                        }
                        else
                        {
                            deferred++;
                        }
                    }
                }
            }
        }
        if (stored > 0)
        {
            signal.Notify();
        }
        return new(stored, duplicates, statuses, deferred);
    }

    private static Dictionary<string, string> Names(JsonElement value)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value.TryGetProperty("contacts", out var contacts) && contacts.ValueKind == JsonValueKind.Array)
        {
            foreach (var contact in contacts.EnumerateArray())
            {
                if (WhatsAppMessageReader.Str(contact, "wa_id") is { } waId && contact.TryGetProperty("profile", out var profile)
                    && WhatsAppMessageReader.Str(profile, "name") is { } name)
                {
                    names[waId] = name;
                }
            }
        }
        return names;
    }

    /// <summary>Stores one message once; false when it was already stored (a redelivery).</summary>
    private async Task<bool> StoreAsync(string phoneNumberId, Dictionary<string, string> names, JsonElement message, CancellationToken ct)
    {
        var id = WhatsAppMessageReader.Str(message, "id");
        var from = WhatsAppMessageReader.Str(message, "from");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(from))
        {
            logger.LogWarning("WhatsApp message without id or sender: ignored");
            return false;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.InboundMessages.AnyAsync(m => m.Channel == Channel.WhatsApp && m.ExternalId == id, ct))
        {
            return false;
        }
        var now = clock.GetUtcNow();
        var sent = long.TryParse(WhatsAppMessageReader.Str(message, "timestamp"), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : now;
        var raw = new JsonObject
        {
            ["phoneNumberId"] = phoneNumberId,
            ["profileName"] = names.GetValueOrDefault(from),
            ["message"] = JsonNode.Parse(message.GetRawText()),
        };
        var type = WhatsAppMessageReader.Str(message, "type") ?? "";
        var preview = type == "text" && message.TryGetProperty("text", out var text) ? WhatsAppMessageReader.Str(text, "body") ?? "" : $"[{type}]";
        db.InboundMessages.Add(InboundMessage.Received(Channel.WhatsApp, id, $"whatsapp:{phoneNumberId}", sent > now ? now : sent, $"+{from}",
            preview, Encoding.UTF8.GetBytes(raw.ToJsonString()), now));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // The same message in two deliveries at once: the other one stored it. Any other failure must not be
            // answered 200, or Meta would never deliver the message again.
            await using var check = await contexts.CreateDbContextAsync(ct);
            if (await check.InboundMessages.AnyAsync(m => m.Channel == Channel.WhatsApp && m.ExternalId == id, ct))
            {
                return false;
            }
            throw;
        }
    }

    /// <summary>
    /// Sent, delivered, read or failed: applied to the outgoing message with that wamid. Reports may come out of order.
    /// False when the wamid is not known yet while a send is in flight (Meta can report before the send is recorded):
    /// the webhook then answers 503 so Meta delivers the report again.
    /// </summary>
    private async Task<bool> ApplyStatusAsync(string phoneNumberId, JsonElement status, CancellationToken ct)
    {
        var wamid = WhatsAppMessageReader.Str(status, "id");
        var kind = WhatsAppMessageReader.Str(status, "status");
        if (wamid is null || kind is null)
        {
            return true;
        }
        var at = long.TryParse(WhatsAppMessageReader.Str(status, "timestamp"), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var outbox = await db.Outbox.Include(o => o.Ticket).FirstOrDefaultAsync(o => o.Channel == Channel.WhatsApp && o.ProviderMessageId == wamid, ct);
        if (outbox is null)
        {
            var now = clock.GetUtcNow();
            if (await db.Outbox.AnyAsync(o => o.Channel == Channel.WhatsApp && o.State == OutboxState.Queued && o.LeaseUntil != null && o.LeaseUntil > now, ct))
            {
                logger.LogInformation("WhatsApp status {Status} for {Wamid} while a send is being recorded: Meta is asked to retry", kind, wamid);
                return false;
            }
            logger.LogInformation("WhatsApp status {Status} for {Wamid}, which Ayuda did not send: ignored", kind, wamid);
            return true;
        }
        switch (kind)
        {
            case "delivered":
                outbox.Delivered(at);
                break;
            case "read":
                outbox.Read(at);
                break;
            case "failed" when outbox.State != OutboxState.Failed:
                var (code, reason) = Failure(status);
                outbox.FailedAfterSending(reason);
                outbox.Ticket?.RecordDeliveryFailure($"+{outbox.To}", reason, Actor.System("WhatsApp"), clock.GetUtcNow());
                if (code == WhatsAppSender.ReEngagementCode)
                {
                    await alerts.RaiseAsync(Channel.WhatsApp, phoneNumberId, code, l["WhatsApp.ReEngagementAlert", phoneNumberId, outbox.To], ct);
                }
                break;
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    private (int Code, string Reason) Failure(JsonElement status)
    {
        if (status.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            var error = errors[0];
            var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
            if (code == WhatsAppSender.ReEngagementCode)
            {
                return (code, l["WhatsApp.ReEngagement"]);
            }
            var title = WhatsAppMessageReader.Str(error, "title") ?? WhatsAppMessageReader.Str(error, "message") ?? "";
            var details = error.TryGetProperty("error_data", out var data) ? WhatsAppMessageReader.Str(data, "details") : null;
            return (code, l["WhatsApp.Refused", code, details is null ? title : $"{title}: {details}"]);
        }
        return (0, l["WhatsApp.Refused", 0, "failed"]);
    }
}

/// <summary>Wakes this host's WhatsApp importer as soon as the webhook stored something.</summary>
public sealed class WhatsAppSignal : WakeSignal;
