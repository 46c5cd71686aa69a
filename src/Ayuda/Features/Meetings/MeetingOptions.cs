using System.ComponentModel.DataAnnotations;

namespace Ayuda.Features.Meetings;

/// <summary>Settings under <c>Ayuda:Meetings</c>: how video-call links are made and how long a meeting lasts unless told.</summary>
public sealed class MeetingOptions
{
    public const string Section = "Ayuda:Meetings";

    /// <summary>
    /// The link of a new video call; <c>{ticket}</c> becomes the ticket number and <c>{random}</c> a random word, so
    /// each meeting gets a room of its own that cannot be guessed. A pasted Meet or Teams link replaces it.
    /// </summary>
    [Required]
    [MaxLength(400)]
    public string VideoLinkPattern { get; set; } = "https://meet.jit.si/Ayuda-{ticket}-{random}";

    [Range(Meeting.MinDuration, Meeting.MaxDuration)]
    public int DefaultDurationMinutes { get; set; } = 60;

    /// <summary>A new link from <see cref="VideoLinkPattern"/>.</summary>
    public string NewVideoLink(string ticketNumber) => VideoLinkPattern
        .Replace("{ticket}", ticketNumber, StringComparison.OrdinalIgnoreCase)
        .Replace("{random}", Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5)), StringComparison.OrdinalIgnoreCase);
}
