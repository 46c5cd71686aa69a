using Ayuda.Features.Customers;
using Ayuda.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ayuda.Tests.Customers;

/// <summary>"In force today" means today in Buenos Aires, not in UTC: an agreement's last day lasts until midnight there.</summary>
public sealed class DeskCalendarTests
{
    private static readonly SupportAgreement EndsJune30 = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30));

    private static DeskClock DeskAt(DateTimeOffset utc) => new(new FakeTimeProvider(utc), Options.Create(new AyudaOptions()));

    [Fact]
    public void Agreement_is_in_force_from_its_first_day_to_its_last_day_inclusive()
    {
        var agreement = new SupportAgreement(new DateOnly(2026, 3, 15), new DateOnly(2026, 9, 15));
        Assert.False(agreement.IsInForce(new DateOnly(2026, 3, 14)));
        Assert.True(agreement.IsInForce(new DateOnly(2026, 3, 15)));
        Assert.True(agreement.IsInForce(new DateOnly(2026, 9, 15)));
        Assert.False(agreement.IsInForce(new DateOnly(2026, 9, 16)));
    }

    [Fact]
    public void A_one_day_agreement_is_in_force_on_that_day_only()
    {
        var day = new DateOnly(2026, 5, 25);
        var agreement = new SupportAgreement(day, day);
        Assert.True(agreement.IsInForce(day));
        Assert.False(agreement.IsInForce(day.AddDays(-1)));
        Assert.False(agreement.IsInForce(day.AddDays(1)));
    }

    [Fact]
    public void Desk_today_is_still_the_previous_day_in_buenos_aires_until_three_utc()
    {
        Assert.Equal(new DateOnly(2026, 6, 30), DeskAt(new DateTimeOffset(2026, 7, 1, 2, 59, 59, TimeSpan.Zero)).Today);
        Assert.Equal(new DateOnly(2026, 7, 1), DeskAt(new DateTimeOffset(2026, 7, 1, 3, 0, 0, TimeSpan.Zero)).Today);
    }

    [Fact]
    public void Agreement_ending_june_30_is_in_force_at_2_59_utc_on_july_1_and_not_at_3_00()
    {
        var lastMinute = DeskAt(new DateTimeOffset(2026, 7, 1, 2, 59, 0, TimeSpan.Zero)).Today;
        var badge = AgreementBadge.From(lastMinute, [EndsJune30]);
        Assert.Equal(AgreementBadgeKind.InForce, badge.Kind);
        Assert.Equal(new DateOnly(2026, 6, 30), badge.Date);
        Assert.True(badge.InForce);

        var midnightThere = DeskAt(new DateTimeOffset(2026, 7, 1, 3, 0, 0, TimeSpan.Zero)).Today;
        var after = AgreementBadge.From(midnightThere, [EndsJune30]);
        Assert.Equal(AgreementBadgeKind.Expired, after.Kind);
        Assert.Equal(new DateOnly(2026, 6, 30), after.Date);
        Assert.False(after.InForce);
    }

    [Fact]
    public void Agreement_starting_july_1_is_not_yet_in_force_at_2_59_utc_on_july_1()
    {
        var startsJuly1 = new SupportAgreement(new DateOnly(2026, 7, 1), new DateOnly(2027, 6, 30));
        var stillJune = DeskAt(new DateTimeOffset(2026, 7, 1, 2, 59, 0, TimeSpan.Zero)).Today;
        Assert.Equal(AgreementBadgeKind.NotStarted, AgreementBadge.From(stillJune, [startsJuly1]).Kind);
        var july = DeskAt(new DateTimeOffset(2026, 7, 1, 3, 0, 0, TimeSpan.Zero)).Today;
        Assert.Equal(AgreementBadgeKind.InForce, AgreementBadge.From(july, [startsJuly1]).Kind);
    }

    [Fact]
    public void Badge_shows_the_renewal_end_when_a_renewal_follows_without_a_gap()
    {
        var renewal = new SupportAgreement(new DateOnly(2026, 7, 1), new DateOnly(2027, 6, 30));
        var today = DeskAt(new DateTimeOffset(2026, 7, 1, 3, 0, 0, TimeSpan.Zero)).Today;
        var badge = AgreementBadge.From(today, [EndsJune30, renewal]);
        Assert.Equal(AgreementBadgeKind.InForce, badge.Kind);
        Assert.Equal(new DateOnly(2027, 6, 30), badge.Date);
    }

    [Fact]
    public void A_suspended_agreement_within_its_dates_shows_suspended_not_in_force()
    {
        var suspended = new SupportAgreement(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), AgreementStatus.Suspended);
        var badge = AgreementBadge.From(new DateOnly(2026, 6, 1), [suspended]);
        Assert.Equal(AgreementBadgeKind.Suspended, badge.Kind);
        Assert.False(badge.InForce);
    }
}
