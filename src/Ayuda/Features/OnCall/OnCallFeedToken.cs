namespace Ayuda.Features.OnCall;

/// <summary>
/// The secret of a staff member's personal on-call calendar feed. Only its SHA-256 is kept: the address is shown once,
/// when made; making a new one invalidates the old address.
/// </summary>
public sealed class OnCallFeedToken
{
    public string UserId { get; private set; } = "";
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    private OnCallFeedToken() { }

    public OnCallFeedToken(string userId, string tokenHash, DateTimeOffset now)
    {
        UserId = userId;
        TokenHash = tokenHash;
        CreatedAt = now;
    }

    public void Replace(string tokenHash, DateTimeOffset now)
    {
        TokenHash = tokenHash;
        CreatedAt = now;
    }
}
