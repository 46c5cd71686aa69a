using System.Globalization;
using Ayuda.Features.Customers;
using Ayuda.Features.Customers.Pages;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Ayuda.Tests.Customers;

public sealed class AgreementBadgeViewTests
{
    [Fact]
    public async Task Badge_shows_in_force_until_date_or_why_not_in_spanish()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es-AR");
        await using var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;

        var inForce = ctx.Render<AgreementBadgeView>(p => p.Add(b => b.Badge, new AgreementBadge(AgreementBadgeKind.InForce, new DateOnly(2027, 3, 31))));
        Assert.Equal("Vigente hasta 31/3/2027", inForce.Find("[data-testid='agreement-badge']").TextContent);
        Assert.Contains("data-in-force=\"true\"", inForce.Markup);

        var expired = ctx.Render<AgreementBadgeView>(p => p.Add(b => b.Badge, new AgreementBadge(AgreementBadgeKind.Expired, new DateOnly(2026, 10, 1))));
        Assert.Equal("No vigente: venció el 1/10/2026", expired.Find("[data-testid='agreement-badge']").TextContent);
        Assert.Contains("data-in-force=\"false\"", expired.Markup);
    }
}
