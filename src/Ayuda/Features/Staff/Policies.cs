using Microsoft.AspNetCore.Authorization;

namespace Ayuda.Features.Staff;

/// <summary>Authorization policies, one per job. Pages and API endpoints use the same names.</summary>
public static class Policies
{
    /// <summary>Any active staff member.</summary>
    public const string Staff = nameof(Staff);
    public const string ManageStaff = nameof(ManageStaff);
    public const string Intake = nameof(Intake);
    public const string Implementation = nameof(Implementation);
    public const string Supervision = nameof(Supervision);
    public const string Commercial = nameof(Commercial);
    public const string RnD = nameof(RnD);
    /// <summary>Create and edit customers and contacts.</summary>
    public const string ManageCustomers = nameof(ManageCustomers);
    /// <summary>Either side of the gate: Administration for triage, the Project Manager for regularisation.</summary>
    public const string IntakeOrCommercial = nameof(IntakeOrCommercial);
    /// <summary>Integrations that feed channels (and the SystemAdmin who tests them).</summary>
    public const string Channels = nameof(Channels);
    /// <summary>The people who talk to customers on the phone: the call log and call-backs.</summary>
    public const string Phone = nameof(Phone);
    /// <summary>Register incidents and attach evidence: consultants and their head, R&amp;D.</summary>
    public const string IncidentWork = nameof(IncidentWork);
    /// <summary>How customers are kept informed about incidents: the head of implementation and SystemAdmin.</summary>
    public const string IncidentSettings = nameof(IncidentSettings);
    /// <summary>The customer-facing texts (closing notification and the others): the same audience as <see cref="IncidentSettings"/>.</summary>
    public const string Templates = nameof(Templates);
    /// <summary>The suggestions and complaints register: who records them (Administration, consultants, their head) and reads it.</summary>
    public const string Feedback = nameof(Feedback);
    /// <summary>Gathered requirements: the Project Manager who receives them (and SystemAdmin, as for commercial work) and Implementation who hands them over.</summary>
    public const string Requirements = nameof(Requirements);
    /// <summary>Business hours, holidays and automatic assignment to the consultant on call: the head of implementation and SystemAdmin.</summary>
    public const string OnCallSettings = nameof(OnCallSettings);

    public static AuthorizationBuilder AddAyudaPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.All))
        .AddPolicy(ManageStaff, p => p.RequireRole(Roles.SystemAdmin))
        .AddPolicy(Intake, p => p.RequireRole(Roles.Administration, Roles.HeadOfImplementation, Roles.SystemAdmin))
        .AddPolicy(Implementation, p => p.RequireRole(Roles.Consultant, Roles.HeadOfImplementation))
        .AddPolicy(Supervision, p => p.RequireRole(Roles.HeadOfImplementation))
        .AddPolicy(Commercial, p => p.RequireRole(Roles.ProjectManager, Roles.SystemAdmin))
        .AddPolicy(RnD, p => p.RequireRole(Roles.RnDManager, Roles.HeadOfImplementation))
        .AddPolicy(ManageCustomers, p => p.RequireRole(Roles.Administration, Roles.HeadOfImplementation, Roles.ProjectManager, Roles.SystemAdmin))
        .AddPolicy(Channels, p => p.RequireRole(Roles.Channel, Roles.SystemAdmin))
        .AddPolicy(IncidentSettings, p => p.RequireRole(Roles.HeadOfImplementation, Roles.SystemAdmin))
        .AddPolicy(OnCallSettings, p => p.RequireRole(Roles.HeadOfImplementation, Roles.SystemAdmin))
        .AddPolicy(Templates, p => p.RequireRole(Roles.HeadOfImplementation, Roles.SystemAdmin))
        .AddPolicy(IncidentWork, p => p.RequireRole(Roles.Consultant, Roles.HeadOfImplementation, Roles.RnDManager))
        .AddPolicy(Phone, p => p.RequireRole(Roles.Administration, Roles.Consultant, Roles.HeadOfImplementation, Roles.SystemAdmin))
        .AddPolicy(Feedback, p => p.RequireRole(Roles.Administration, Roles.Consultant, Roles.HeadOfImplementation, Roles.SystemAdmin))
        .AddPolicy(Requirements, p => p.RequireRole(Roles.ProjectManager, Roles.SystemAdmin, Roles.Consultant, Roles.HeadOfImplementation))
        .AddPolicy(IntakeOrCommercial, p => p.RequireRole(Roles.Administration, Roles.HeadOfImplementation, Roles.ProjectManager, Roles.SystemAdmin));
}
