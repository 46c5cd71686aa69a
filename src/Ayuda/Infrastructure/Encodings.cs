using System.Runtime.CompilerServices;
using System.Text;

namespace Ayuda.Infrastructure;

/// <summary>
/// Legacy code pages (Shift_JIS, GB18030, windows-1252 …) for MimeKit. MimeKit maps charset names once, the first time
/// it is used, so the provider must be in place before any mail is touched: when this assembly loads.
/// </summary>
internal static class Encodings
{
    [ModuleInitializer]
    internal static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
