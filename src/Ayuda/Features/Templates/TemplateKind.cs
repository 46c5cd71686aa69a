namespace Ayuda.Features.Templates;

/// <summary>Every text Ayuda writes to a customer; each has a subject and a body per language, editable as Liquid.</summary>
public enum TemplateKind
{
    /// <summary>The closing notification: the case's detail and its resolution.</summary>
    Closing,
    Acknowledgement,
    IncidentUpdate,
    Regularisation,
    MeetingInvitation,
    VersionUpdate,
    FeedbackAcknowledgement,
}
