using Ayuda.Data;
using Ayuda.Features.Channels.Email;
using Ayuda.Features.Customers;
using Ayuda.Features.Templates;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ayuda.Features.Intake;

/// <summary>
/// What a customer without an agreement in force is told when they write: we got it, we cannot assist for now, and the
/// Project Manager will contact them. Written from the <see cref="TemplateKind.Regularisation"/> template.
/// </summary>
public sealed class RegularisationNotice(TemplateEngine templates, DeskClock desk, IOptionsMonitor<EmailOptions> email, IStringLocalizer<Strings> l)
{
    public async Task<Dictionary<string, object?>> ModelAsync(AyudaDb db, Ticket ticket, string language, CancellationToken ct)
    {
        var settings = email.CurrentValue;
        var model = await TemplateModels.CommonAsync(db, ticket, language, settings.DeskName, desk, settings, l, ct);
        var badge = await AgreementBadges.ForAsync(db, ticket.CustomerId, desk.Today, ct);
        var date = badge.Date?.ToString("d", ReaderCulture.Of(language)) ?? "";
        model["agreement"] = new Dictionary<string, object?> { ["status"] = ReaderCulture.In(language, () => l[$"Regularisation.Status.{badge.Kind}", date].Value) };
        return model;
    }

    /// <summary>Subject and body in <paramref name="language"/>.</summary>
    public async Task<(string Subject, string Text)> TextAsync(AyudaDb db, Ticket ticket, string language, CancellationToken ct) =>
        await templates.RenderCurrentAsync(db, TemplateKind.Regularisation, language, await ModelAsync(db, ticket, language, ct), ct);
}
