using Ayuda.Data;
using Ayuda.Features.Consultations;
using Ayuda.Features.Customers;
using Ayuda.Features.Feedback;
using Ayuda.Features.Intake;
using Ayuda.Features.Meetings;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Demo;

/// <summary>
/// The demo's working desk: contacts, domains and phones for the demo customers, and a morning's contacts in every
/// state (pending, taken and classified, regularisation, triage). Runs once: only when the desk has no tickets yet.
/// </summary>
internal sealed class DemoDesk(
    IDbContextFactory<AyudaDb> contexts,
    ReceiveContact receive,
    TakeTicket take,
    ClassifyTicket classify,
    ConsultTicket consult,
    MeetingWork meetings,
    FeedbackWork feedback,
    OnCall.RotationWork rotations,
    DeskClock desk)
{
    private static readonly string[] People =
    [
        "Mónica Gutiérrez", "Raúl Benítez", "Silvia Paredes", "Hernán Castro", "Graciela Ortiz", "Julián Medina",
        "Verónica Luna", "Sebastián Rojas", "Patricia Godoy", "Andrés Villalba", "Natalia Herrera", "Gustavo Peralta",
    ];

    private static readonly string[] Positions = ["Jefa de sistemas", "Administración", "Gerente general", "Contador", "Responsable de IT"];

    private static readonly (string Subject, string Description)[] Calls =
    [
        ("No imprime facturas electrónicas", "Desde la actualización de ayer, la factura queda en estado pendiente y no sale el PDF."),
        ("Consulta sobre cierre de mes", "Quieren saber en qué orden correr el cierre de stock y el de contabilidad."),
        ("Error al exportar el libro IVA", "El archivo exportado tiene los importes con coma y AFIP lo rechaza."),
        ("Alta de usuario nuevo", "Ingresa una persona a administración y necesitan perfiles de compras."),
        ("Pedido de nuevo reporte de ventas", "Quieren un reporte de ventas por vendedor y zona con comparación interanual."),
        ("Lentitud en la consulta de stock", "La consulta tarda más de un minuto por la mañana."),
        ("Reclamo por demora en la respuesta", "Llamaron tres veces la semana pasada por el mismo tema."),
        ("Sugerencia: atajos de teclado en pedidos", "Proponen atajos para cargar pedidos más rápido."),
    ];

    public async Task SeedAsync(Actor administration, Actor consultant, Actor head, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Tickets.AnyAsync(cancellationToken))
            {
                return;
            }
            var customers = await db.Customers.Include(c => c.Contacts).OrderBy(c => c.Id).ToListAsync(cancellationToken);
            for (var i = 0; i < customers.Count; i++)
            {
                var customer = customers[i];
                if (customer.Contacts.Count > 0)
                {
                    continue;
                }
                var domain = Slug(customer.Name) + ".com.ar";
                customer.SetDetails(
                    [new CustomerAddress { Label = "Administración", Street = $"Av. San Martín {100 + (i * 37)}", City = "Córdoba", Province = "Córdoba" }],
                    [new CustomerPhone { Number = Phones.Normalise($"0351 4{i:00}-{2000 + i:0000}")!, Label = "Conmutador" }],
                    [domain],
                    [new InstalledProduct { Product = "Gestión Integral", Version = $"8.{i % 4}" }]);
                for (var k = 0; k < 2; k++)
                {
                    var name = People[((i * 2) + k) % People.Length];
                    var contact = new Contact(name) { Position = Positions[((i * 2) + k) % Positions.Length] };
                    contact.SetChannels(
                        [$"{SearchText.Fold(name).Replace(' ', '.')}@{domain}"],
                        [new ContactPhone { Number = Phones.Normalise($"011 15 5{i:000}-{3000 + (i * 2) + k:0000}")!, WhatsApp = k == 0 }]);
                    customer.Contacts.Add(contact);
                }
            }
            await db.SaveChangesAsync(cancellationToken);
        }

        var now = desk.UtcNow;
        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        var contacts = await read.Contacts.OrderBy(c => c.Id).Select(c => new { c.Id, c.CustomerId }).ToListAsync(cancellationToken);
        for (var i = 0; i < Calls.Length * 2 && i < contacts.Count; i++)
        {
            var (subject, description) = Calls[i % Calls.Length];
            var outcome = await receive.ExecuteAsync(new IntakeRequest(i % 3 == 2 ? Channel.Email : Channel.Phone, subject, description,
                ContactId: contacts[i * 2 % contacts.Count].Id, ContactedAt: now.AddMinutes(-(Calls.Length * 2 - i) * 23)), administration, cancellationToken);
            if (outcome.Value is { State: TicketState.Pending } ticket && i % 4 == 0)
            {
                await take.ExecuteAsync(ticket.Number, consultant, cancellationToken);
                await classify.ExecuteAsync(ticket.Number, (Classification)(i / 4 % 5), consultant, cancellationToken);
            }
        }
        await receive.ExecuteAsync(new IntakeRequest(Channel.Email, "Consulta por licencias", "Hola, ¿me pasan el precio de dos licencias más?",
            From: "compras@proveedor-desconocido.com.ar", ContactedAt: now.AddMinutes(-12)), Actor.System("Email"), cancellationToken);
        await SeedPathsAsync(consultant, head, cancellationToken);
        await SeedOnCallAsync(head, cancellationToken);
    }

    /// <summary>A weekly rotation of the consultants, handed over on Mondays at 09:00, so someone is on call from the start.</summary>
    private async Task SeedOnCallAsync(Actor head, CancellationToken ct)
    {
        List<string> consultants;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var role = db.Roles.Where(r => r.Name == Staff.Roles.Consultant).Select(r => r.Id);
            var heads = db.Roles.Where(r => r.Name == Staff.Roles.HeadOfImplementation).Select(r => r.Id);
            consultants = await db.Users.Where(u => u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && role.Contains(ur.RoleId))
                    && !db.UserRoles.Any(ur => ur.UserId == u.Id && heads.Contains(ur.RoleId)))
                .OrderBy(u => u.DisplayName).Select(u => u.Id).ToListAsync(ct);
        }
        if (consultants.Count == 0)
        {
            return;
        }
        var today = desk.Today;
        var lastMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        await rotations.CreateAsync(new OnCall.RotationWork.Input
        {
            Name = "Guardia de consultores", MemberIds = consultants, ShiftDays = 7, HandOffDay = DayOfWeek.Monday, HandOffTime = "09:00",
            StartsOn = lastMonday, Coverage = OnCall.OnCallCoverage.Always,
        }, head, ct);
    }

    /// <summary>One case on each path after classification: a consultation waiting for the head, a meeting tomorrow, a complaint to review.</summary>
    private async Task SeedPathsAsync(Actor consultant, Actor head, CancellationToken ct)
    {
        var query = await WorkedAsync(Calls[1].Subject, Classification.UsageQuery, consultant, ct);
        if (query is not null && head.Id is { } headId)
        {
            await consult.AskAsync(query.Number, new ConsultTicket.AskRequest(
                "El cliente pregunta si puede correr el cierre de stock con pedidos abiertos. ¿Lo probaste alguna vez?", [headId]), consultant, ct);
        }
        var requirement = await WorkedAsync(Calls[4].Subject, Classification.NewRequirement, consultant, ct);
        if (requirement is { Contact: { } contact })
        {
            var tomorrow = desk.Today.AddDays(1);
            await meetings.ScheduleAsync(requirement.Number, new ScheduleRequest(MeetingKind.VideoCall, $"{tomorrow:yyyy-MM-dd}T10:00", 60,
                new AttendeesInput([contact.Id], [consultant.Id!]), Agenda: "Relevar el reporte de ventas por vendedor y zona."), consultant, ct);
        }
        var complaint = await WorkedAsync(Calls[6].Subject, Classification.Complaint, consultant, ct);
        if (complaint is { Customer: { } customer })
        {
            await feedback.RecordAsync(new FeedbackWork.Input(FeedbackKind.Complaint, customer.Id, FeedbackCategory.ResponseTime,
                "Llamaron tres veces la semana pasada por el mismo tema sin respuesta.", complaint.Contact?.Id, TicketNumber: complaint.Number), consultant, ct);
        }
    }

    /// <summary>The first ticket with <paramref name="subject"/>, taken by the consultant (if still pending) and classified.</summary>
    private async Task<TicketView?> WorkedAsync(string subject, Classification classification, Actor consultant, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var number = await db.Tickets.Where(t => t.Subject == subject && (t.State == TicketState.Pending || t.State == TicketState.InProgress))
            .OrderBy(t => t.Id).Select(t => t.Number).FirstOrDefaultAsync(ct);
        if (number is null)
        {
            return null;
        }
        await take.ExecuteAsync(number, consultant, ct);
        return (await classify.ExecuteAsync(number, classification, consultant, ct)).Value;
    }

    private static string Slug(string name) =>
        new(SearchText.Fold(name).Where(char.IsAsciiLetterOrDigit).Take(24).ToArray());
}
