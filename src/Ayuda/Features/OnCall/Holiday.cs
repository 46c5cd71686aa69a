using Ayuda.Infrastructure;

namespace Ayuda.Features.OnCall;

/// <summary>A day of the desk's calendar that is not a business day (feriado), whatever its weekday.</summary>
public sealed class Holiday
{
    public const int MaxNameLength = 150;

    public int Id { get; private set; }
    public DateOnly Date { get; private set; }
    public string Name { get; private set; } = "";

    private Holiday() { }

    public Holiday(DateOnly date, string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
        {
            throw DomainException.Invalid("OnCall.HolidayNameRequired", MaxNameLength);
        }
        Date = date;
        Name = name.Trim();
    }
}
