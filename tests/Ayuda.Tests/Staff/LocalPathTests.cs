using Ayuda.Features.Account;

namespace Ayuda.Tests.Staff;

public sealed class LocalPathTests
{
    [Theory]
    [InlineData("/staff?page=2", "/staff?page=2")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData(null, "/")]
    public void After_login_or_a_language_change_a_person_only_returns_to_a_page_of_ayuda(string? url, string expected) =>
        Assert.Equal(expected, LocalPath.OrHome(url));
}
