using System.Collections;
using System.Globalization;
using System.Resources;
using Ayuda.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Ayuda.Tests.Layout;

/// <summary>MudBlazor's own texts (a required field left empty, above all) read in the user's language.</summary>
public sealed class MudTextsTests
{
    [Theory]
    [InlineData("es-AR", "Obligatorio")]
    [InlineData("en", "Required")]
    public async Task A_required_field_left_empty_says_so_in_the_users_language(string culture, string expected)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        await using var ctx = new BunitContext();
        ctx.Services.AddLocalization();
        ctx.Services.AddAyudaMudBlazor();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;

        var form = ctx.Render<MudForm>(p => p.AddChildContent<MudTextField<string>>(f => f
            .Add(x => x.Label, "Asunto").Add(x => x.Required, true)));
        await form.InvokeAsync(() => form.Instance.ValidateAsync());

        Assert.False(form.Instance.IsValid);
        Assert.Equal(expected, form.Find(".mud-input-helper-text.mud-input-error").TextContent.Trim());
    }

    [Fact]
    public void Every_text_we_give_mudblazor_names_one_of_its_keys_and_exists_in_both_languages()
    {
        var ours = new ResourceManager("Ayuda.Resources.Strings", typeof(Program).Assembly);
        var mud = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudForm).Assembly);
        var keys = ours.GetResourceSet(CultureInfo.InvariantCulture, true, true)!.Cast<DictionaryEntry>()
            .Select(e => (string)e.Key).Where(k => k.StartsWith(MudTexts.Prefix, StringComparison.Ordinal)).ToList();

        Assert.Contains(MudTexts.Prefix + "MudFormComponent_Required", keys);
        foreach (var key in keys)
        {
            var mudKey = key[MudTexts.Prefix.Length..];
            Assert.False(string.IsNullOrEmpty(mud.GetString(mudKey, CultureInfo.InvariantCulture)), $"MudBlazor has no text {mudKey}.");
            // Placeholders must match MudBlazor's, or a formatted text would throw or lose an argument.
            Assert.Equal(Placeholders(mud.GetString(mudKey, CultureInfo.InvariantCulture)!), Placeholders(ours.GetString(key, new CultureInfo("es-AR"))!));
            Assert.Equal(Placeholders(mud.GetString(mudKey, CultureInfo.InvariantCulture)!), Placeholders(ours.GetString(key, new CultureInfo("en"))!));
        }
    }

    private static string Placeholders(string text) =>
        string.Join(",", System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Order());
}
