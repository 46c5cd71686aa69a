namespace Ayuda.Features.Account;

/// <summary>Where to send a person back to: only paths of this site, so a crafted link cannot redirect elsewhere.</summary>
public static class LocalPath
{
    public static string OrHome(string? url) =>
        url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}
