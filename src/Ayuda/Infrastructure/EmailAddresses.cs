using System.ComponentModel.DataAnnotations;

namespace Ayuda.Infrastructure;

/// <summary>What the desk accepts as an address to write to: well formed, at most 254 characters, a dotted domain.</summary>
public static class EmailAddresses
{
    public static bool IsValid(string address) =>
        address.Length <= 254 && new EmailAddressAttribute().IsValid(address) && address[(address.IndexOf('@') + 1)..].Contains('.');
}
