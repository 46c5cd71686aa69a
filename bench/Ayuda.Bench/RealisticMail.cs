using MimeKit;

namespace Ayuda.Bench;

/// <summary>Messages like a desk receives: Spanish text, some HTML with a quoted reply, some attachments, senders from a few hundred customers.</summary>
public static class RealisticMail
{
    private static readonly string[] Subjects =
    [
        "No imprime facturas electrónicas", "Consulta sobre el cierre de mes", "Error al exportar el libro IVA",
        "Alta de usuario nuevo", "Lentitud en la consulta de stock", "Pedido de reporte de ventas por zona",
        "No puedo ingresar al sistema", "Diferencia en el saldo de caja", "Actualización de versión", "Consulta por licencias",
    ];

    public static MimeMessage Create(int i, string deskAddress)
    {
        var random = new Random(i);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress($"Cliente {i % 400}", $"usuario{i % 1200}@cliente{i % 400}.example.com"));
        message.To.Add(MailboxAddress.Parse(deskAddress));
        message.Subject = Subjects[i % Subjects.Length] + (i % 3 == 0 ? "" : $" ({i})");
        message.MessageId = $"bench-{i}@cliente{i % 400}.example.com";
        message.Date = DateTimeOffset.UtcNow.AddMinutes(-i);
        var text = $"Buen día,\n\nDesde esta mañana {Subjects[random.Next(Subjects.Length)].ToLowerInvariant()}. " +
                   "Probamos reiniciar el equipo y el problema sigue. ¿Nos pueden ayudar?\n\nSaludos,\nCliente " + (i % 400);
        var body = new BodyBuilder { TextBody = text };
        if (i % 2 == 0)
        {
            body.HtmlBody = $"<p>{text.Replace("\n", "<br>")}</p><blockquote>El lunes, la mesa de ayuda escribió:<br>Mensaje anterior</blockquote>";
        }
        if (i % 10 == 0)
        {
            var bytes = new byte[20_000 + random.Next(80_000)];
            random.NextBytes(bytes);
            body.Attachments.Add($"captura-{i}.png", bytes, ContentType.Parse("image/png"));
        }
        message.Body = body.ToMessageBody();
        return message;
    }
}
