using Ayuda.Features.Customers;

namespace Ayuda.Tests.Customers;

public sealed class CustomerRulesTests
{
    [Theory]
    [InlineData("30-71234567-2", null)]
    [InlineData("20-28456789-8", "20284567898")]
    [InlineData("20284567898", "20284567898")]
    [InlineData("2028456789", null)]
    [InlineData("20-2845678A-8", null)]
    public void Cuit_is_accepted_only_with_its_check_digit(string input, string? expected)
    {
        var complete = Cuit.Complete("2028456789");
        Assert.Equal("20284567898", complete);
        Assert.Equal(expected, Cuit.Normalise(input));
    }

    [Fact]
    public void Cuit_shows_with_dashes() => Assert.Equal("20-28456789-8", Cuit.Format("20284567898"));

    [Fact]
    public void Agreement_is_in_force_on_both_its_first_and_last_day_and_not_after()
    {
        var agreement = new SupportAgreement(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        Assert.False(agreement.IsInForce(new DateOnly(2025, 12, 31)));
        Assert.True(agreement.IsInForce(new DateOnly(2026, 1, 1)));
        Assert.True(agreement.IsInForce(new DateOnly(2026, 12, 31)));
        Assert.False(agreement.IsInForce(new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void Suspended_or_cancelled_agreement_is_not_in_force_within_its_dates()
    {
        var day = new DateOnly(2026, 6, 1);
        Assert.False(new SupportAgreement(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), AgreementStatus.Suspended).IsInForce(day));
        Assert.False(new SupportAgreement(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), AgreementStatus.Cancelled).IsInForce(day));
    }

    [Fact]
    public void Agreement_cannot_end_before_it_starts() =>
        Assert.Throws<ArgumentException>(() => new SupportAgreement(new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1)));

    [Fact]
    public void Badge_says_why_a_customer_is_not_in_force()
    {
        var today = new DateOnly(2026, 11, 29);
        Assert.Equal(AgreementBadgeKind.InForce, AgreementBadge.From(today, today, today, AgreementStatus.Active).Kind);
        Assert.Equal(AgreementBadgeKind.Expired, AgreementBadge.From(today, null, today.AddDays(-1), AgreementStatus.Active).Kind);
        Assert.Equal(AgreementBadgeKind.Suspended, AgreementBadge.From(today, null, today.AddDays(30), AgreementStatus.Suspended).Kind);
        Assert.Equal(AgreementBadgeKind.NotStarted, AgreementBadge.From(today, null, today.AddDays(30), AgreementStatus.Active).Kind);
        Assert.Equal(AgreementBadgeKind.None, AgreementBadge.From(today, null, null, null).Kind);
    }
}
