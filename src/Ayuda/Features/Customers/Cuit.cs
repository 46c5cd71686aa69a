namespace Ayuda.Features.Customers;

/// <summary>The Argentine tax id (CUIT/CUIL): 11 digits, the last a modulo-11 check digit.</summary>
public static class Cuit
{
    private static readonly int[] Weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    /// <summary>The 11 digits without separators, or null when it is not a valid CUIT.</summary>
    public static string? Normalise(string? value)
    {
        if (value is null)
        {
            return null;
        }
        var digits = new string(value.Where(c => c is not ('-' or ' ' or '.')).ToArray());
        if (digits.Length != 11 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }
        return CheckDigit(digits[..10]) == digits[10] - '0' ? digits : null;
    }

    /// <summary>Completes ten digits with their check digit; null when no valid digit exists for them.</summary>
    public static string? Complete(string tenDigits)
    {
        var digit = CheckDigit(tenDigits);
        return digit is null ? null : tenDigits + digit;
    }

    /// <summary>Shown as 30-71234567-8.</summary>
    public static string Format(string cuit) => cuit.Length == 11 ? $"{cuit[..2]}-{cuit[2..10]}-{cuit[10]}" : cuit;

    private static int? CheckDigit(string tenDigits)
    {
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            sum += (tenDigits[i] - '0') * Weights[i];
        }
        var digit = 11 - (sum % 11);
        return digit switch
        {
            11 => 0,
            10 => null, // no valid CUIT ends this way; AFIP changes the prefix instead
            _ => digit,
        };
    }
}
