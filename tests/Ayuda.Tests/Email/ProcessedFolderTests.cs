using Ayuda.Data;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Email;

/// <summary>An administrator names the folder read mail goes to; the desk creates it when the mailbox has none by that name.</summary>
public sealed class ProcessedFolderTests(MailServers mail)
{
    [Fact]
    public async Task Read_mail_goes_to_the_configured_folder_created_when_missing()
    {
        var mailbox = await mail.CreateMailboxAsync();
        var letter = Letters.Mail(Letters.NewSender(), mailbox.Address, "Consulta por el cierre anual");
        await mail.DeliverAsync(mailbox, Letters.Bytes(letter));
        await using var app = new AyudaApp(DatabaseProvider.Sqlite).UseMail(mail, mailbox);
        app.Settings["Ayuda:Email:Mailboxes:0:ProcessedFolder"] = "Leídos por Ayuda";

        _ = app.Services;

        await Eventually.Async(() => mail.FolderMessageIdsAsync(mailbox, "INBOX"), ids => ids.Count == 0, "the inbox emptied");
        Assert.Equal([letter.MessageId!], await mail.FolderMessageIdsAsync(mailbox, "Leídos por Ayuda"));
        Assert.Empty(await mail.FolderMessageIdsAsync(mailbox, "Processed"));
    }
}
