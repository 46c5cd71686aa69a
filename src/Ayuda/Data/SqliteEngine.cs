using SQLitePCL;

namespace Ayuda.Data;

/// <summary>
/// Process-wide settings of the SQLite library, made before its first connection opens. Memory statistics
/// (<c>SQLITE_CONFIG_MEMSTATUS</c>, on in the bundled build) take one global mutex around every allocation and free in
/// every connection; Ayuda never reads them, and with many readers beside the writer that mutex is contended on each
/// statement. SQLite accepts the setting only before it initialises: if another part of the process opened a connection
/// first, the library keeps its default and Ayuda works as before.
/// </summary>
internal static class SqliteEngine
{
    private const int SqliteConfigMemStatus = 9;
    private static int _configured;

    /// <summary>SQLite's answer to the first call in this process: 0 when the setting was taken, 21 (misuse) when the
    /// library was already in use; null before any call.</summary>
    public static int? MemStatusResult { get; private set; }

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1)
        {
            return;
        }
        Batteries_V2.Init();
        MemStatusResult = raw.sqlite3_config(SqliteConfigMemStatus, 0);
    }
}
