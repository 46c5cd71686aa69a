namespace Ayuda.Resources;

/// <summary>Marker for the UI strings: <c>Strings.resx</c> (Spanish, es-AR, the default) and <c>Strings.en.resx</c>.</summary>
public sealed class Strings;
