using Ayuda.Features.Customers;
using Ayuda.Infrastructure;

namespace Ayuda.Tests.Customers;

/// <summary>How the desk reads what people type: Argentine phone numbers, CUITs, names with accents.</summary>
public sealed class CustomerTextRulesTests
{
    [Theory]
    [InlineData("011 4567-8901", "+541145678901")]
    [InlineData("(011) 4567-8901", "+541145678901")]
    [InlineData("11 4567 8901", "+541145678901")]
    [InlineData("+54 11 4567-8901", "+541145678901")]
    [InlineData("541145678901", "+541145678901")]
    [InlineData("+54 9 11 4567-8901", "+5491145678901")]
    [InlineData("5491145678901", "+5491145678901")]
    [InlineData("011 15 4567-8901", "+5491145678901")]
    [InlineData("0351 15 555-1234", "+5493515551234")]
    [InlineData("+54 9 351 555-1234", "+5493515551234")]
    [InlineData("0351 422-1234", "+543514221234")]
    public void Argentine_phone_numbers_typed_any_common_way_become_e164(string typed, string expected) =>
        Assert.Equal(expected, Phones.Normalise(typed));

    [Theory]
    [InlineData("hola")]
    [InlineData("12345")]
    [InlineData("011 4567")]
    [InlineData("no tengo teléfono")]
    [InlineData("")]
    [InlineData(null)]
    public void Garbage_is_not_a_phone_number(string? typed) => Assert.Null(Phones.Normalise(typed));

    [Fact]
    public void Cuit_with_a_wrong_check_digit_is_refused_and_the_right_one_accepted()
    {
        var valid = Cuit.Complete("3071234567")!;
        Assert.Equal(11, valid.Length);
        Assert.Equal(valid, Cuit.Normalise(Cuit.Format(valid)));
        Assert.Equal(valid, Cuit.Normalise($"{valid[..2]} {valid[2..10]} {valid[10]}"));
        for (var wrong = 0; wrong <= 9; wrong++)
        {
            if (wrong != valid[10] - '0')
            {
                Assert.Null(Cuit.Normalise(valid[..10] + wrong));
            }
        }
    }

    [Theory]
    [InlineData("2012345678", "20123456786")]
    [InlineData("3369345023", "33693450239")] // AFIP's own CUIT
    [InlineData("2700000000", "27000000006")]
    public void Cuit_check_digit_is_modulo_11_over_the_official_weights(string tenDigits, string expected) =>
        Assert.Equal(expected, Cuit.Complete(tenDigits));

    [Fact]
    public void Ten_digits_whose_check_would_be_10_have_no_valid_cuit()
    {
        // 20-00000001: 2*5 + 1*2 = 12, 11 - 12 % 11 = 10.
        Assert.Null(Cuit.Complete("2000000001"));
        Assert.All(Enumerable.Range(0, 10), d => Assert.Null(Cuit.Normalise("2000000001" + d)));
    }

    [Theory]
    [InlineData("Configuración", "configuracion")]
    [InlineData("CONFIGURACIÓN", "configuracion")]
    [InlineData("  Panadería Núñez  ", "panaderia nunez")]
    [InlineData("Güemes", "guemes")]
    [InlineData(null, "")]
    public void Search_text_ignores_case_and_accents(string? text, string expected) =>
        Assert.Equal(expected, SearchText.Fold(text));
}
