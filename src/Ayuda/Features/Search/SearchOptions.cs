using System.ComponentModel.DataAnnotations;

namespace Ayuda.Features.Search;

/// <summary><c>Ayuda:Search</c>.</summary>
public sealed class SearchOptions
{
    public const string Section = "Ayuda:Search";

    /// <summary>
    /// How many of the newest matching rows each source (subjects, descriptions, messages, notes…) contributes before
    /// ranking: a common word matches hundreds of thousands of rows at a million tickets, and ranking them all is too slow.
    /// </summary>
    [Range(100, 100_000)]
    public int Candidates { get; set; } = 2_000;
}
