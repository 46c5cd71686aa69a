using PhoneNumbers;

namespace Ayuda.Features.Customers;

/// <summary>Phone numbers as the desk stores and matches them: E.164 (<c>+541145678901</c>), parsed with libphonenumber.</summary>
public static class Phones
{
    public const string DefaultRegion = "AR";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>E.164 for anything a person might type ("011 4567-8901", "+54 9 11 15…", "5491145678901"), or null when it is not a valid number.</summary>
    public static string? Normalise(string? input, string region = DefaultRegion)
    {
        if (string.IsNullOrWhiteSpace(input) || SearchTextDigits(input).Length < 6)
        {
            return null;
        }
        var text = input.Trim();
        // WhatsApp and some PBXs send international numbers without the plus sign.
        if (!text.StartsWith('+') && text.StartsWith("54", StringComparison.Ordinal) && SearchTextDigits(text).Length >= 12)
        {
            text = "+" + text;
        }
        try
        {
            var number = Util.Parse(text, region);
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>How a stored E.164 number is shown: international format, e.g. "+54 11 4567-8901".</summary>
    public static string Display(string e164)
    {
        try
        {
            return Util.Format(Util.Parse(e164, DefaultRegion), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }

    private static string SearchTextDigits(string text) => new(text.Where(char.IsAsciiDigit).ToArray());
}
