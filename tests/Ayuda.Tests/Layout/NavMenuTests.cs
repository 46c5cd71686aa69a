using System.Globalization;
using Ayuda.Components.Layout;
using Ayuda.Features.Staff;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Ayuda.Tests.Layout;

/// <summary>The side menu shows the places the user's roles open and marks where the user is, as the user moves.</summary>
public sealed class NavMenuTests
{
    [Fact]
    public async Task The_menu_lists_what_the_roles_open_and_marks_the_page_the_user_is_on()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es-AR");
        await using var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.AddAuthorization().SetAuthorized("Diego Consultor").SetPolicies(Policies.Staff, Policies.Implementation, Policies.Phone);
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/tickets?state=pending");

        var menu = ctx.Render<NavMenu>();

        // A consultant's places, not the head's nor the administrator's.
        Assert.NotEmpty(menu.FindAll("[data-testid='nav-queue']"));
        Assert.NotEmpty(menu.FindAll("[data-testid='nav-calls']"));
        Assert.Empty(menu.FindAll("[data-testid='nav-supervision']"));
        Assert.Empty(menu.FindAll("[data-testid='nav-email-settings']"));
        Assert.Equal("Cola de Implementación", menu.Find("[data-testid='nav-queue'] .mud-nav-link-text").TextContent);

        // On the queue: its link is the current page; "All tickets" too, as NavLink matches it ignoring the query.
        Assert.Equal(["Cola de Implementación", "Mis tickets", "Todos los tickets"], Active(menu));
        Assert.Equal("page", menu.Find("[data-testid='nav-queue']").GetAttribute("aria-current"));

        // Moving to a customer marks the customers' link (its pages are below it) and nothing else.
        navigation.NavigateTo("/customers/12");
        menu.WaitForAssertion(() => Assert.Equal(["Clientes"], Active(menu)));
        Assert.Null(menu.Find("[data-testid='nav-queue']").GetAttribute("aria-current"));

        // The home link is marked on the home page only.
        navigation.NavigateTo("/");
        menu.WaitForAssertion(() => Assert.Equal(["Inicio"], Active(menu)));
    }

    private static List<string> Active(IRenderedComponent<NavMenu> menu) =>
        [.. menu.FindAll("a.mud-nav-link.active").Select(a => a.QuerySelector(".mud-nav-link-text")!.TextContent)];
}
