using Ayuda.Features.Staff;

namespace Ayuda.Tests.Staff;

public sealed class BootstrapTests
{
    [Fact]
    public void Generated_admin_password_is_long_mixed_and_never_the_same()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => StaffBootstrap.GeneratePassword()).ToList();
        Assert.Equal(50, passwords.Distinct().Count());
        Assert.All(passwords, p =>
        {
            Assert.Equal(20, p.Length);
            Assert.Contains(p, char.IsAsciiLetterLower);
            Assert.Contains(p, char.IsAsciiLetterUpper);
            Assert.Contains(p, char.IsAsciiDigit);
        });
    }
}
