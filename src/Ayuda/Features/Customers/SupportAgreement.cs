namespace Ayuda.Features.Customers;

/// <summary>Acuerdo de Asistencia y Mantenimiento: without one in force, a customer gets no assistance.</summary>
public sealed class SupportAgreement
{
    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public AgreementStatus Status { get; private set; }

    private SupportAgreement() { }

    public SupportAgreement(DateOnly startsOn, DateOnly endsOn, AgreementStatus status = AgreementStatus.Active) =>
        Change(startsOn, endsOn, status);

    public void Change(DateOnly startsOn, DateOnly endsOn, AgreementStatus status)
    {
        if (endsOn < startsOn)
        {
            throw new ArgumentException("An agreement cannot end before it starts.", nameof(endsOn));
        }
        StartsOn = startsOn;
        EndsOn = endsOn;
        Status = status;
    }

    /// <summary>In force: active, and <paramref name="today"/> lies between start and end, both inclusive.</summary>
    public bool IsInForce(DateOnly today) => Status == AgreementStatus.Active && StartsOn <= today && today <= EndsOn;
}

public enum AgreementStatus
{
    Active,
    Suspended,
    Cancelled,
}
