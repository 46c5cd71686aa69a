using System.Runtime.CompilerServices;
using System.Text;

namespace Ayuda.Tests.Support;

/// <summary>
/// The tests use MimeKit themselves (the mail fixtures) before Ayuda's assembly may be loaded; MimeKit maps charsets on
/// first use, so the legacy code pages go in first here too, as Ayuda does for itself.
/// </summary>
internal static class Encodings
{
    [ModuleInitializer]
    internal static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
