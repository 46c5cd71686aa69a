using System.Text.Json.Serialization;

namespace Ayuda.Features.OnCall;

/// <summary>When a new Pending ticket is assigned to the consultant on call by itself.</summary>
public enum AutoAssignMode
{
    Never,
    OutsideBusinessHours,
    Always,
}

/// <summary>Settings under <c>Ayuda:OnCall</c> (the <b>Guardias</b> settings page saves over them): business hours and routing.</summary>
public sealed class OnCallOptions
{
    public const string Section = "Ayuda:OnCall";

    public AutoAssignMode AutoAssign { get; set; } = AutoAssignMode.Never;

    /// <summary>Business weekdays; null (nothing configured) means Monday to Friday. (A list default would be appended to by binding.)</summary>
    public List<DayOfWeek>? BusinessDays { get; set; }

    public TimeOnly Opens { get; set; } = new(9, 0);

    /// <summary>When the desk closes; 00:00 means midnight.</summary>
    public TimeOnly Closes { get; set; } = new(18, 0);

    [JsonIgnore]
    public IReadOnlyList<DayOfWeek> EffectiveBusinessDays =>
        BusinessDays ?? [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
}
