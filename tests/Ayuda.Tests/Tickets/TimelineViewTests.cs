using System.Globalization;
using Ayuda.Features.Tickets;
using Ayuda.Features.Tickets.Pages;
using Ayuda.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace Ayuda.Tests.Tickets;

/// <summary>The history reads as sentences in the reader's language, in the desk's time zone, with internal notes marked.</summary>
public sealed class TimelineViewTests
{
    private static readonly DateTimeOffset At = new(2026, 7, 1, 2, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Timeline_tells_the_gate_outcome_and_moves_in_spanish_at_desk_time()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es-AR");
        await using var ctx = NewContext();
        IReadOnlyList<TimelineItem> entries =
        [
            new(1, At, "u1", "Lucía Fernández", TimelineKind.Received, null, "phone", "+541145678901", false),
            new(2, At, "u1", "Lucía Fernández", TimelineKind.AgreementChecked, null, "expired", "2026-05-31", true),
            new(3, At, "u1", "Lucía Fernández", TimelineKind.StateChanged, "triage", "regularisation", null, true),
            new(4, At, "u2", "Paula Quiroga", TimelineKind.StateChanged, "regularisation", "closed", "Sin acuerdo, no renueva", true),
            new(5, At, "u3", "Diego Ramírez", TimelineKind.Classified, "usageQuery", "error", null, true),
            new(6, At, "u3", "Diego Ramírez", TimelineKind.Note, null, null, "Revisar con I+D", true),
        ];

        var view = ctx.Render<TimelineView>(p => p.Add(v => v.Entries, entries));

        var text = view.Markup;
        Assert.Contains("Contacto recibido por Teléfono de +541145678901", text);
        Assert.Contains("Acuerdo verificado: No vigente: venció el 31/5/2026", text);
        Assert.Contains("En triage → En regularización", text);
        Assert.Contains("En regularización → Cerrado: Sin acuerdo, no renueva", text);
        Assert.Contains("Clasificación: Consulta de uso → Error", text);
        Assert.Contains("Interna", text);
        // 02:30 UTC on 1 July is 23:30 on 30 June in Buenos Aires.
        Assert.Contains("30/6/2026 23:30", text);
    }

    [Fact]
    public async Task Timeline_speaks_english_to_an_english_reader()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en");
        await using var ctx = NewContext();
        var view = ctx.Render<TimelineView>(p => p.Add(v => v.Entries,
            [new TimelineItem(1, At, "u1", "Lucía Fernández", TimelineKind.AgreementChecked, null, "inForce", "2026-12-31", true)]));
        Assert.Contains("Agreement checked: In force until", view.Markup);
    }

    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddSingleton(new DeskClock(TimeProvider.System, Options.Create(new AyudaOptions())));
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        return ctx;
    }
}
