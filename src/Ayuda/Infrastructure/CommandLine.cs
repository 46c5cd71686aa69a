namespace Ayuda.Infrastructure;

/// <summary>
/// Ayuda's own command-line switches (<c>--demo</c>, <c>--rebuild-search-index</c>) take no value. .NET's command-line
/// configuration reads a <c>--key</c> without <c>=</c> as taking the next argument as its value, so a switch written
/// before a setting (<c>--rebuild-search-index --Ayuda:Database:Provider=Postgres</c>) would swallow that setting and
/// Ayuda would quietly work on the default SQLite file instead. The switches are kept out of the configuration.
/// </summary>
public static class CommandLine
{
    public const string Demo = "--demo";
    public const string RebuildSearchIndex = "--rebuild-search-index";

    private static readonly string[] Switches = [Demo, RebuildSearchIndex];

    /// <summary>The arguments that are configuration (<c>--Section:Key=value</c> and the like), without the switches.</summary>
    public static string[] Settings(string[] args) => [.. args.Where(a => !Switches.Contains(a, StringComparer.OrdinalIgnoreCase))];

    public static bool Has(string[] args, string @switch) => args.Contains(@switch, StringComparer.OrdinalIgnoreCase);
}
