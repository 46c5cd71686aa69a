using System.Globalization;
using Ayuda.Data;
using Ayuda.Features.Channels.Email;
using Ayuda.Features.Templates;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Incidents;

/// <summary>The fields of the incident-update template: the common ones plus where the customer's error stands.</summary>
public static class IncidentUpdateModel
{
    private static readonly IncidentState[] WithFix = [IncidentState.Fixed, IncidentState.Delivered, IncidentState.Verified, IncidentState.Closed];

    public static async Task<Dictionary<string, object?>> BuildAsync(AyudaDb db, Ticket ticket, Incident incident, string language, DeskClock desk,
        EmailOptions email, IStringLocalizer<Strings> l, CancellationToken ct)
    {
        var model = await TemplateModels.CommonAsync(db, ticket, language, email.DeskName, desk, email, l, ct);
        var state = ReaderCulture.In(language, () => l[$"IncidentState.{incident.State}"].Value.ToLower(ReaderCulture.Of(language)));
        model["incident"] = new Dictionary<string, object?>
        {
            ["number"] = incident.Number,
            ["title"] = incident.Title,
            ["state"] = state,
            ["fix_version"] = incident.FixVersion is { } version && WithFix.Contains(incident.State) ? version : "",
        };
        return model;
    }
}
