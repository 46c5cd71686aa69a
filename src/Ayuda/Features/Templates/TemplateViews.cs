namespace Ayuda.Features.Templates;

/// <summary>One template in the list: whether the desk customised it, and who saved it last.</summary>
public sealed record TemplateSummary(TemplateKind Kind, string Language, bool Customised, int Version, string? UpdatedBy, DateTimeOffset? UpdatedAt);

/// <summary>A field a template may use, what it holds, and the Liquid to insert for it.</summary>
public sealed record TemplateFieldView(string Path, string Description, string Snippet);

/// <summary>
/// A template as the editor shows it: the text in use (saved, else the default), the default beside it and the fields
/// it may use. <c>Version</c> is 0 while the default applies; send it back when saving.
/// </summary>
public sealed record TemplateDetail(
    TemplateKind Kind,
    string Language,
    bool Customised,
    int Version,
    string? UpdatedBy,
    DateTimeOffset? UpdatedAt,
    string Subject,
    string Body,
    string DefaultSubject,
    string DefaultBody,
    IReadOnlyList<TemplateFieldView> Fields);

/// <summary>A text rendered as the customer would read it; <c>TicketNumber</c> is the ticket used, null for the built-in sample.</summary>
public sealed record TemplatePreview(string Subject, string Body, string? TicketNumber);

/// <summary>Save a template: the <c>version</c> read (0 for the default) and the new text.</summary>
public sealed record SaveTemplateRequest(int Version, string? Subject, string? Body);

/// <summary>Render a text as typed (unsaved) on a ticket (<c>ticketNumber</c>), else on the latest resolved one, else on a sample.</summary>
public sealed record PreviewTemplateRequest(string? Subject, string? Body, string? TicketNumber = null);
