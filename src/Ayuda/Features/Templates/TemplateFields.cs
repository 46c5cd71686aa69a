namespace Ayuda.Features.Templates;

/// <summary>
/// The fields a template of each kind may use, as dotted paths (<c>ticket.number</c>); a list's items are named with
/// <c>[]</c> (<c>timeline[].text</c>). The editor lists them; a template naming anything else is refused.
/// </summary>
public static class TemplateFields
{
    private static readonly string[] Common =
    [
        "ticket.number", "ticket.subject", "ticket.description", "ticket.channel", "ticket.classification", "ticket.priority",
        "ticket.opened", "ticket.resolved", "customer.name", "customer.tax_id", "contact.name", "consultant.name",
        "desk.name", "desk.address",
    ];

    private static readonly Dictionary<TemplateKind, string[]> Extra = new()
    {
        [TemplateKind.Closing] = ["resolution", "timeline", "timeline.size", "timeline[].date", "timeline[].text"],
        [TemplateKind.Acknowledgement] = [],
        [TemplateKind.IncidentUpdate] = ["incident.number", "incident.title", "incident.state", "incident.fix_version"],
        [TemplateKind.Regularisation] = ["agreement.status"],
        [TemplateKind.MeetingInvitation] =
        [
            "meeting.change", "meeting.kind", "meeting.title", "meeting.when", "meeting.zone", "meeting.duration", "meeting.place", "meeting.agenda",
            "meeting.reason",
        ],
        [TemplateKind.VersionUpdate] =
        [
            "update.number", "update.product", "update.current_version", "update.target_version", "update.reason", "update.requested_by",
            "incident.number", "incident.title",
        ],
        [TemplateKind.FeedbackAcknowledgement] = ["feedback.number", "feedback.kind", "feedback.complaint", "feedback.category", "feedback.description"],
    };

    public static IReadOnlyList<string> For(TemplateKind kind) => [.. Common, .. Extra[kind]];

    /// <summary>
    /// The Liquid that uses <paramref name="path"/>: <c>{{ ticket.number }}</c>; a list or a list item's field becomes a
    /// loop, since <c>{{ timeline[].text }}</c> is not Liquid.
    /// </summary>
    public static string Snippet(TemplateKind kind, string path)
    {
        var item = path.IndexOf("[].", StringComparison.Ordinal);
        if (item > 0)
        {
            return Loop(path[..item], [path[(item + 3)..]]);
        }
        var itemFields = For(kind).Where(f => f.StartsWith(path + "[].", StringComparison.Ordinal)).Select(f => f[(path.Length + 3)..]).ToList();
        return itemFields.Count > 0 ? Loop(path, itemFields) : "{{ " + path + " }}";
    }

    private static string Loop(string list, IEnumerable<string> fields) =>
        "{% for item in " + list + " %}- " + string.Join(" ", fields.Select(f => "{{ item." + f + " }}")) + "\n{% endfor %}";

    /// <summary>The kinds in the order the editor offers them: the closing notification first, the staff-facing request last.</summary>
    public static IReadOnlyList<TemplateKind> Editable { get; } =
    [
        TemplateKind.Closing, TemplateKind.Acknowledgement, TemplateKind.Regularisation, TemplateKind.IncidentUpdate, TemplateKind.MeetingInvitation,
        TemplateKind.FeedbackAcknowledgement, TemplateKind.VersionUpdate,
    ];
}
