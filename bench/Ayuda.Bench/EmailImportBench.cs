using System.Diagnostics;
using Ayuda.Data;
using Ayuda.Features.Channels;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Ayuda.Bench;

/// <summary>
/// Import rate of the email channel: N realistic messages appended to a real IMAP mailbox, read by Ayuda's own
/// poller into SQLite (parse, dedupe, thread, identify, gate, ticket, message, attachments, acknowledgement in the
/// outbox, move to Processed), next to a bare insert of the same rows (the storage limit).
/// </summary>
public static class EmailImportBench
{
    private const string Desk = "soporte@ayuda.test";

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var count = args.Flag("smoke") ? 50 : args.Int("messages", 10_000);
        var host = args.Get("imap-host", "127.0.0.1");
        var port = args.Int("imap-port", 1143);
        var user = args.Get("user", "");
        var password = args.Get("password", "");

        Console.WriteLine($"Appending {count:N0} messages to {user} on {host}:{port} …");
        var append = Stopwatch.StartNew();
        using (var imap = new ImapClient())
        {
            await imap.ConnectAsync(host, port, SecureSocketOptions.None);
            await imap.AuthenticateAsync(user, password);
            await imap.Inbox.OpenAsync(MailKit.FolderAccess.ReadWrite);
            for (var i = 0; i < count; i++)
            {
                await imap.Inbox.AppendAsync(new MailKit.AppendRequest(RealisticMail.Create(i, Desk)));
            }
            await imap.DisconnectAsync(true);
        }
        append.Stop();

        var importDir = Directory.CreateTempSubdirectory("ayuda-bench-import-");
        var (importSeconds, peakMb) = await ImportAsync(importDir.FullName, host, port, user, password, count);
        var bareDir = Directory.CreateTempSubdirectory("ayuda-bench-bare-");
        var bareSeconds = await BareInsertAsync(bareDir.FullName, count);

        Console.WriteLine();
        Console.WriteLine("| messages | append to IMAP | Ayuda import (IMAP → SQLite) | bare insert of the same rows | import / bare | peak working set |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| {count:N0} | {count / append.Elapsed.TotalSeconds:N0} msg/s | {count / importSeconds:N0} msg/s ({importSeconds:N1} s) | {count / bareSeconds:N0} msg/s ({bareSeconds:N1} s) | {importSeconds / bareSeconds:N1}× | {peakMb:N0} MB |");
        importDir.Delete(true);
        bareDir.Delete(true);
        return 0;
    }

    private static async Task<(double Seconds, double PeakMb)> ImportAsync(string dataDirectory, string host, int port, string user, string password, int count)
    {
        await using var app = BuildHost(dataDirectory,
        [
            $"--Ayuda:Email:Mailboxes:0:Name=bench", $"--Ayuda:Email:Mailboxes:0:Host={host}", $"--Ayuda:Email:Mailboxes:0:Port={port}",
            "--Ayuda:Email:Mailboxes:0:Security=None", $"--Ayuda:Email:Mailboxes:0:User={user}", $"--Ayuda:Email:Mailboxes:0:Password={password}",
            "--Ayuda:Email:PollSeconds=1",
        ]);
        await app.StartAsync();
        // The clock starts once the host is up (start-up is reported by the performance issue's bench, not here).
        var clock = Stopwatch.StartNew();
        var contexts = app.Services.GetRequiredService<IDbContextFactory<AyudaDb>>();
        var peak = 0.0;
        var imported = 0;
        while (imported < count)
        {
            await Task.Delay(100);
            await using var db = await contexts.CreateDbContextAsync();
            imported = await db.InboundMessages.CountAsync();
            peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64 / 1024.0 / 1024.0);
            if (clock.Elapsed > TimeSpan.FromHours(1))
            {
                throw new TimeoutException($"Only {imported} of {count} imported after an hour.");
            }
        }
        clock.Stop();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var quarantined = await db.InboundMessages.CountAsync(m => m.Outcome == InboundOutcome.Quarantined);
            Console.WriteLine($"Imported {imported:N0}: {await db.Tickets.CountAsync():N0} tickets, {await db.TicketMessages.CountAsync():N0} messages, {quarantined} quarantined.");
        }
        await app.StopAsync();
        return (clock.Elapsed.TotalSeconds, peak);
    }

    /// <summary>The same rows an import writes (inbound record, ticket with its number, message, timeline), one transaction per message.</summary>
    private static async Task<double> BareInsertAsync(string dataDirectory, int count)
    {
        await using var app = BuildHost(dataDirectory, []);
        await app.StartAsync();
        var contexts = app.Services.GetRequiredService<IDbContextFactory<AyudaDb>>();
        var actor = Actor.System("Bench");
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var mail = RealisticMail.Create(i, Desk);
            await using var db = await contexts.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var now = DateTimeOffset.UtcNow;
            var number = await TicketNumbers.NextAsync(db, now.Year, CancellationToken.None);
            var ticket = new Ticket(number, Channel.Email, mail.Subject ?? "", mail.TextBody ?? "", mail.From.Mailboxes.First().Address, TicketPriority.Normal, now, actor, now);
            ticket.ReceiveMessage(TicketMessage.Inbound(Channel.Email, now, mail.MessageId, null, null, null, mail.From.ToString(), Desk, "",
                mail.Subject ?? "", mail.TextBody ?? "", "", mail.HtmlBody), actor, now);
            var inbound = new InboundMessage(Channel.Email, mail.MessageId ?? "", "bench", now, mail.From.ToString(), mail.Subject ?? "");
            inbound.Imported(ticket);
            db.Tickets.Add(ticket);
            db.InboundMessages.Add(inbound);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        clock.Stop();
        await app.StopAsync();
        return clock.Elapsed.TotalSeconds;
    }

    private static WebApplication BuildHost(string dataDirectory, string[] extra)
    {
        string[] args =
        [
            $"--Ayuda:DataDirectory={dataDirectory}", "--Ayuda:Bootstrap:AdminEmail=bench@ayuda.test",
            "--Ayuda:Bootstrap:AdminPassword=Bench-Ayuda-2026", $"--Ayuda:Email:DeskAddress={Desk}", "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning", .. extra,
        ];
        var builder = WebApplication.CreateBuilder(args);
        builder.AddAyuda(args);
        var app = builder.Build();
        app.MapAyuda();
        return app;
    }
}
