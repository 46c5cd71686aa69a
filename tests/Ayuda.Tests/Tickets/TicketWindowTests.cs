using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ayuda.Tests.Tickets;

/// <summary>
/// The queue page reads the window from its address and shows a <see cref="DomainException"/> as an alert: a window out
/// of range must be that exception (naming the parameter), never an overflow that breaks the page.
/// </summary>
public sealed class TicketWindowTests
{
    private static readonly DeskClock Desk = new(new FakeTimeProvider(new DateTimeOffset(2026, 7, 1, 15, 0, 0, TimeSpan.Zero)), Options.Create(new AyudaOptions()));

    [Theory]
    [InlineData("minAgeDays")]
    [InlineData("maxAgeDays")]
    [InlineData("createdFrom")]
    [InlineData("createdTo")]
    [InlineData("closedFrom")]
    [InlineData("closedTo")]
    public void A_window_out_of_range_is_refused_naming_the_parameter(string parameter)
    {
        var window = parameter switch
        {
            "minAgeDays" => new TicketWindow(MinAgeDays: 100_000_000),
            "maxAgeDays" => new TicketWindow(MaxAgeDays: 36_501),
            "createdFrom" => new TicketWindow(CreatedFrom: new DateOnly(1999, 12, 31)),
            "createdTo" => new TicketWindow(CreatedTo: DateOnly.MaxValue),
            "closedFrom" => new TicketWindow(ClosedFrom: DateOnly.MinValue),
            _ => new TicketWindow(ClosedTo: DateOnly.MaxValue),
        };
        var refused = Assert.Throws<DomainException>(() => window.Apply(new TicketFilter(), Desk));
        Assert.Equal((DomainErrorKind.Invalid, parameter), (refused.Kind, refused.Field));
    }

    [Fact]
    public void The_edges_of_the_range_narrow_the_filter()
    {
        var filter = new TicketWindow(0, 36_500, new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31), new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31))
            .Apply(new TicketFilter(), Desk);
        Assert.Equal(Desk.UtcNow, filter.ContactedBefore);
        Assert.Equal(Desk.UtcNow.AddDays(-36_500), filter.ContactedFrom);
        Assert.Equal(TicketWindow.StartOf(new DateOnly(2101, 1, 1), Desk), filter.CreatedBefore);
        Assert.Equal(TicketWindow.StartOf(new DateOnly(2101, 1, 1), Desk), filter.ClosedBefore);
    }
}
