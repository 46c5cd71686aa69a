using MudBlazor;

namespace Ayuda.Components.Layout;

/// <summary>The desk's colours: calm, high-contrast, readable for eight hours a day.</summary>
public static class AyudaTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            Secondary = "#e0eef7",
            AppbarBackground = "#1f5f8b",
            Background = "#f6f8fa",
            DrawerBackground = "#ffffff",
            Success = "#2e7d32",
            Error = "#c62828",
            Warning = "#ef6c00",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
