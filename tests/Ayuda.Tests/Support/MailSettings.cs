namespace Ayuda.Tests.Support;

/// <summary>Points a host's email channel at the test mail servers: it reads <c>mailbox</c> on Dovecot and sends through smtp4dev.</summary>
public static class MailSettings
{
    public static AyudaApp UseMail(this AyudaApp app, MailServers mail, MailboxUser mailbox)
    {
        var s = app.Settings;
        // The desk's address is the mailbox customers write to, as in production.
        s["Ayuda:Email:DeskAddress"] = mailbox.Address;
        s["Ayuda:Email:Smtp:Host"] = mail.SmtpHost;
        s["Ayuda:Email:Smtp:Port"] = mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        s["Ayuda:Email:Smtp:Security"] = "None";
        s["Ayuda:Email:Mailboxes:0:Name"] = "Mesa";
        s["Ayuda:Email:Mailboxes:0:Host"] = mail.ImapHost;
        s["Ayuda:Email:Mailboxes:0:Port"] = mail.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        s["Ayuda:Email:Mailboxes:0:Security"] = "None";
        s["Ayuda:Email:Mailboxes:0:User"] = mailbox.Address;
        s["Ayuda:Email:Mailboxes:0:Password"] = mailbox.Password;
        s["Ayuda:Email:Mailboxes:0:Folder"] = "INBOX";
        s["Ayuda:Email:Mailboxes:0:ProcessedFolder"] = "Processed";
        s["Ayuda:Email:PollSeconds"] = "1";
        s["Ayuda:Email:OutboxSeconds"] = "1";
        return app;
    }
}
