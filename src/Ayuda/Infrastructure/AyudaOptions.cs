using System.ComponentModel.DataAnnotations;

namespace Ayuda.Infrastructure;

/// <summary>Settings under <c>Ayuda:</c> that belong to the host as a whole.</summary>
public sealed class AyudaOptions
{
    public const string Section = "Ayuda";

    /// <summary>Folder for the SQLite file and other local data; relative paths are taken from the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    /// <summary>IANA time zone of the desk; agreements, on-call and reports are computed in it.</summary>
    [Required]
    public string TimeZone { get; set; } = "America/Argentina/Buenos_Aires";

    /// <summary>The address staff open Ayuda at (e.g. <c>https://ayuda.example.com</c>); mails to staff link to pages under it when set.</summary>
    [Url]
    public string? PublicUrl { get; set; }

    public TimeZoneInfo DeskTimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
