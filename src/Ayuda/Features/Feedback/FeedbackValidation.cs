using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Feedback;

/// <summary>The per-field checks of a new entry, once, at the boundary (the form and the API get the same sentences).</summary>
internal static class FeedbackValidation
{
    public static void Check(Dictionary<string, string[]> errors, FeedbackKind? kind, FeedbackCategory? category, string? description, DateOnly? receivedOn,
        DateOnly today, IStringLocalizer<Strings> l)
    {
        if (kind is not { } k || !Enum.IsDefined(k))
        {
            errors["kind"] = [l["Feedback.KindRequired"]];
        }
        if (category is not { } c || !Enum.IsDefined(c))
        {
            errors["category"] = [l["Feedback.CategoryRequired"]];
        }
        if (string.IsNullOrWhiteSpace(description))
        {
            errors["description"] = [l["Feedback.DescriptionRequired"]];
        }
        else if (description.Trim().Length > FeedbackEntry.MaxDescriptionLength)
        {
            errors["description"] = [l["Feedback.TooLong", FeedbackEntry.MaxDescriptionLength]];
        }
        if (receivedOn is { } date && date > today)
        {
            errors["receivedOn"] = [l["Feedback.ReceivedInFuture"]];
        }
    }
}
