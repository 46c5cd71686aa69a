using System.ComponentModel.DataAnnotations;

namespace Ayuda.Features.Closing;

/// <summary>How cases end (<c>Ayuda:Closing</c>).</summary>
public sealed class ClosingOptions
{
    public const string Section = "Ayuda:Closing";

    /// <summary>Tickets that came by WhatsApp also get the closing message there (through the approved template outside the 24-hour window).</summary>
    public ClosingWhatsApp WhatsApp { get; set; } = ClosingWhatsApp.Also;

    /// <summary>Staff copied by default besides the ticket's consultant: every head of implementation.</summary>
    [Required]
    public bool CopyHeadOfImplementation { get; set; } = true;
}

public enum ClosingWhatsApp
{
    /// <summary>Email only.</summary>
    Never,
    /// <summary>Email and WhatsApp.</summary>
    Also,
    /// <summary>WhatsApp instead of email (email when WhatsApp cannot be written to).</summary>
    Instead,
}
