using System.ComponentModel.DataAnnotations;

namespace Ayuda.Features.Staff;

/// <summary>Settings under <c>Ayuda:Api</c>.</summary>
public sealed class ApiTokenOptions
{
    public const string Section = "Ayuda:Api";

    /// <summary>How long a token from <c>POST /api/v1/auth/token</c> lasts.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
}
