using Ayuda.Features.Templates;

namespace Ayuda.Tests.Templates;

/// <summary>Customer-facing texts as Liquid: the defaults render, and a template that cannot work is refused before it is saved.</summary>
public sealed class TemplateEngineTests
{
    private static readonly Dictionary<string, object?> Model = new()
    {
        ["ticket"] = new Dictionary<string, object?> { ["number"] = "2026-000123", ["subject"] = "No imprime", ["description"] = "Desde ayer", ["channel"] = "Teléfono",
            ["classification"] = "Consulta de uso", ["priority"] = "Normal", ["opened"] = "1/12/2026 09:00", ["resolved"] = "1/12/2026 10:00" },
        ["customer"] = new Dictionary<string, object?> { ["name"] = "Molinos Río", ["tax_id"] = "30-71234567-1" },
        ["contact"] = new Dictionary<string, object?> { ["name"] = "Ana" },
        ["consultant"] = new Dictionary<string, object?> { ["name"] = "Diego" },
        ["desk"] = new Dictionary<string, object?> { ["name"] = "Mesa de ayuda", ["address"] = "mesa@ayuda.test" },
        ["resolution"] = "Se reinstaló el driver.",
        ["timeline"] = new List<object?> { new Dictionary<string, object?> { ["date"] = "1/12/2026 09:10", ["text"] = "Consulta recibida por Teléfono" } },
    };

    [Theory]
    [InlineData("es", "Caso 2026-000123 resuelto: No imprime", "Resolución\nSe reinstaló el driver.")]
    [InlineData("en", "Case 2026-000123 resolved: No imprime", "Resolution\nSe reinstaló el driver.")]
    public void The_default_closing_notification_renders_the_case_in_the_customers_language(string language, string subject, string resolution)
    {
        var (renderedSubject, body) = TemplateEngine.Render(TemplateEngine.Default(TemplateKind.Closing, language), Model, language);
        Assert.Equal(subject, renderedSubject);
        Assert.Contains(resolution, body);
        Assert.Contains("- 1/12/2026 09:10: Consulta recibida por Teléfono", body);
        Assert.Contains("Molinos Río", body);
    }
}
