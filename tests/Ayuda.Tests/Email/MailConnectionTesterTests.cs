using System.Globalization;
using Ayuda.Features.Channels.Email;
using Ayuda.Resources;
using Ayuda.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Ayuda.Tests.Email;

/// <summary>"Probar conexión" against the real servers: success says what it found, each failure says what to fix.</summary>
public sealed class MailConnectionTesterTests(MailServers servers)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static MailConnectionTester Tester()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("es-AR");
        var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        return new MailConnectionTester(services.GetRequiredService<IStringLocalizer<Strings>>());
    }

    [Fact]
    public async Task A_working_mailbox_reports_its_folder_and_that_processed_will_be_created()
    {
        var user = await servers.CreateMailboxAsync();
        var result = await Tester().MailboxAsync(Mailbox(user, user.Password), Ct);
        Assert.True(result.Ok, result.Message);
        Assert.Contains("la carpeta INBOX tiene 0 mensajes", result.Message);
        Assert.Contains("se crea al primer mensaje", result.Message);
    }

    [Fact]
    public async Task A_wrong_password_is_named_as_such()
    {
        var user = await servers.CreateMailboxAsync();
        var result = await Tester().MailboxAsync(Mailbox(user, "not-the-password"), Ct);
        Assert.False(result.Ok);
        Assert.Equal("El servidor rechazó el usuario o la contraseña.", result.Message);
    }

    [Fact]
    public async Task A_missing_folder_is_named()
    {
        var user = await servers.CreateMailboxAsync();
        var settings = Mailbox(user, user.Password);
        settings.Folder = "NoExiste";
        var result = await Tester().MailboxAsync(settings, Ct);
        Assert.False(result.Ok);
        Assert.Equal("La carpeta NoExiste no existe en el buzón.", result.Message);
    }

    [Fact]
    public async Task Smtp_works_and_a_closed_port_says_it_cannot_connect()
    {
        var ok = await Tester().SmtpAsync(new SmtpSettings { Host = servers.SmtpHost, Port = servers.SmtpPort, Security = MailSecurity.None }, Ct);
        Assert.True(ok.Ok, ok.Message);

        var closed = await Tester().SmtpAsync(new SmtpSettings { Host = "127.0.0.1", Port = 1, Security = MailSecurity.None }, Ct);
        Assert.False(closed.Ok);
        Assert.StartsWith("No se pudo conectar a 127.0.0.1:1", closed.Message);
    }

    private MailboxSettings Mailbox(MailboxUser user, string password) => new()
    {
        Name = "soporte", Host = servers.ImapHost, Port = servers.ImapPort, Security = MailSecurity.None,
        User = user.Address, Password = password, Folder = "INBOX", ProcessedFolder = "Procesados",
    };
}
