using Ayuda.Features.Customers;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;

namespace Ayuda.Bench;

public sealed record Person(string Id, string Name, string Email)
{
    public Actor Actor => new(Id, Name);
}

public sealed record DeskContact(int Id, string Name, string Email, string? Phone);

public sealed record DeskCustomer(int Id, string Name, bool InForce, AgreementBadge Badge, DeskContact[] Contacts);

public sealed record DeskIncident(long Id, string Number, string Title, DateTimeOffset CreatedAt);

/// <summary>What the generated desk holds, and how one ticket of it is lived: built with the domain's own methods.</summary>
public sealed class Desk(DateTimeOffset now, DateOnly today, TimeZoneInfo timeZone, Random random)
{
    private const string DeskAddress = "mesa@ayuda.bench";

    public DateTimeOffset Now { get; } = now;
    public DateOnly Today { get; } = today;
    public TimeZoneInfo TimeZone { get; } = timeZone;
    public Random Random { get; } = random;

    /// <summary>Tickets span the last three years, up to an hour ago.</summary>
    public DateTimeOffset Start => Now.AddYears(-3);
    public TimeSpan Span => Now.AddHours(-1) - Start;

    public Person Head { get; set; } = null!;
    public List<Person> Consultants { get; } = [];
    public List<Person> Administration { get; } = [];
    public Person ProjectManager { get; set; } = null!;
    public Person RnD { get; set; } = null!;
    public List<DeskCustomer> Customers { get; } = [];
    public DeskCustomer[] InForce { get; set; } = [];
    public DeskCustomer[] NotInForce { get; set; } = [];
    public List<DeskIncident> Incidents { get; } = [];
    public SortedDictionary<int, long> TicketCounters { get; } = [];
    public int RareCount { get; private set; }
    public int CommonCount { get; private set; }
    public Dictionary<string, int> States { get; } = [];

    private int Seed { get; } = random.Next();

    /// <summary>Ticket <paramref name="i"/> of <paramref name="count"/> (oldest first), from first contact to the state it is in today.</summary>
    public Ticket BuildTicket(int i, int count)
    {
        var random = new Random(unchecked((Seed * 1_000_003) + i)); // deterministic (HashCode is randomised per process)
        var contactedAt = Start + (Span * ((i + 0.1 + (0.8 * random.NextDouble())) / count));
        var year = TimeZoneInfo.ConvertTime(contactedAt, TimeZone).Year;
        var number = Ticket.FormatNumber(year, TicketCounters[year] = TicketCounters.GetValueOrDefault(year) + 1);
        var (target, withoutService) = PickState(random, (Now - contactedAt).TotalDays);
        var common = i % 3 == 0;
        var rare = i % Math.Max(1, count / SpanishText.RareTickets) == 7 % Math.Max(1, count / SpanishText.RareTickets) && RareCount < SpanishText.RareTickets;
        CommonCount += common ? 1 : 0;
        RareCount += rare ? 1 : 0;
        var channelRoll = random.NextDouble();
        var channel = channelRoll < 0.5 ? Channel.Email : channelRoll < 0.85 ? Channel.Phone : channelRoll < 0.97 ? Channel.WhatsApp : Channel.Other;
        if (target == TicketState.Triage)
        {
            channel = Channel.Email; // an unknown sender: only mail arrives without anyone recognising it
        }
        var customer = target == TicketState.Triage ? null
            : (target == TicketState.Regularisation ? NotInForce : InForce)[random.Next(target == TicketState.Regularisation ? NotInForce.Length : InForce.Length)];
        var contact = customer?.Contacts[random.Next(customer.Contacts.Length)];
        var email = contact?.Email ?? $"compras{i % 997}@proveedor{i % 53}.com.ar";
        var from = channel is Channel.Phone or Channel.WhatsApp ? contact?.Phone ?? email : email;
        var header = contact is null ? email : $"{contact.Name} <{email}>";
        var subject = SpanishText.Subject(random, common);
        var insert = rare ? $"Lo vemos en el módulo {SpanishText.RareWord} desde la última versión." : common ? $"Les adjunto la {SpanishText.CommonWord} con el problema." : null;
        var description = SpanishText.FromCustomer(random, random.Next(200, 900), insert);
        var priorityRoll = random.NextDouble();
        var priority = priorityRoll < 0.7 ? TicketPriority.Normal : priorityRoll < 0.85 ? TicketPriority.High : priorityRoll < 0.95 ? TicketPriority.Low : TicketPriority.Urgent;
        var admin = Administration[random.Next(Administration.Count)];
        var intake = channel switch
        {
            Channel.Email => Actor.System("Email"),
            Channel.WhatsApp => Actor.System("WhatsApp"),
            _ => admin.Actor,
        };
        var createdAt = contactedAt.AddSeconds(random.Next(1, 180));
        var available = Now - createdAt;
        var window = TimeSpan.FromDays(1 + (random.NextDouble() * 9));
        window = window > available * 0.9 ? available * 0.9 : window;
        var at = createdAt;
        DateTimeOffset Next() => at += window * (random.NextDouble() / 16);

        var messageChannel = channel == Channel.WhatsApp ? Channel.WhatsApp : Channel.Email;
        var k = 0;
        string MessageId() => messageChannel == Channel.WhatsApp ? $"wamid.bench.{Seed}.{i}.{k++}" : $"bench.{Seed}.{i}.{k++}@ayuda.bench";
        TicketMessage Inbound(DateTimeOffset when, bool first = false) => TicketMessage.Inbound(messageChannel, when, MessageId(), null, null, null,
            messageChannel == Channel.WhatsApp ? from : header, DeskAddress, "", first ? subject : $"RE: {subject}",
            SpanishText.FromCustomer(random, random.Next(200, 1500)), "", null);
        TicketMessage Outbound(DateTimeOffset when, Person author) => TicketMessage.Outbound(messageChannel, when, MessageId(), null, null,
            DeskAddress, messageChannel == Channel.WhatsApp ? from : email, "", $"RE: {subject}", SpanishText.FromConsultant(random, random.Next(200, 1500)), author.Id);

        var ticket = new Ticket(number, channel, subject, description, from, priority, contactedAt, intake, createdAt);
        var firstIsMessage = channel is Channel.Email or Channel.WhatsApp;
        if (customer is null)
        {
            ticket.ReceiveMessage(Inbound(createdAt, first: true), intake, createdAt);
            return Count(ticket);
        }
        ticket.Identify(customer.Id, contact!.Id, customer.Name, intake, createdAt);
        ticket.ApplyGate(customer.Badge, intake, createdAt);
        if (firstIsMessage)
        {
            ticket.ReceiveMessage(Inbound(createdAt, first: true), intake, createdAt);
        }
        if (target == TicketState.Regularisation)
        {
            if (withoutService)
            {
                ticket.CloseWithoutService("El cliente no renovó el acuerdo de soporte.", ProjectManager.Actor, Next());
            }
            return Count(ticket);
        }
        if (target == TicketState.Pending)
        {
            if (random.Next(3) == 0)
            {
                ticket.ReceiveMessage(Inbound(Next()), intake, at);
            }
            return Count(ticket);
        }

        var consultant = Consultants[random.Next(Consultants.Count)];
        var actor = consultant.Actor;
        ticket.Take(actor, Next());
        var classificationRoll = random.NextDouble();
        var classification = target == TicketState.WaitingOnRnD ? Classification.Error
            : classificationRoll < 0.45 ? Classification.UsageQuery : classificationRoll < 0.70 ? Classification.Error
            : classificationRoll < 0.80 ? Classification.NewRequirement : classificationRoll < 0.90 ? Classification.Suggestion : Classification.Complaint;
        if (target != TicketState.InProgress || random.Next(5) > 0)
        {
            ticket.Classify(classification, actor, Next());
        }
        // About five messages in all, answers and replies in turn, with a note or two for the team.
        var messages = (firstIsMessage ? 1 : 0) + 2 + random.Next(5);
        var outgoing = true;
        while (ticket.Messages.Count < messages)
        {
            if (outgoing)
            {
                ticket.SendMessage(Outbound(Next(), consultant), actor, at);
            }
            else
            {
                ticket.ReceiveMessage(Inbound(Next()), intake, at);
            }
            outgoing = !outgoing;
            if (random.Next(4) == 0)
            {
                ticket.AddNote(SpanishText.Note(random), isInternal: true, isCall: false, actor, Next());
            }
        }
        switch (target)
        {
            case TicketState.WaitingOnCustomer:
                ticket.MoveTo(TicketState.WaitingOnCustomer, actor, Next());
                break;
            case TicketState.WaitingOnRnD:
                Link(ticket, random, contactedAt, actor, Next());
                break;
            case TicketState.InConsultation:
                ticket.StartConsultation(Head.Name, "¿Viste este caso antes? El cliente insiste en que antes funcionaba.", actor, Next());
                break;
            case TicketState.Resolved or TicketState.Closed:
                if (ticket.Classification == Classification.Error && random.Next(2) == 0)
                {
                    Link(ticket, random, contactedAt, actor, Next());
                }
                ticket.Resolve(SpanishText.Resolutions[random.Next(SpanishText.Resolutions.Length)], actor, Next());
                if (target == TicketState.Closed)
                {
                    ticket.Close(actor, Next());
                }
                break;
        }
        return Count(ticket);
    }

    private Ticket Count(Ticket ticket)
    {
        var key = ticket.State.ToString();
        States[key] = States.GetValueOrDefault(key) + 1;
        return ticket;
    }

    private void Link(Ticket ticket, Random random, DateTimeOffset contactedAt, Actor actor, DateTimeOffset now)
    {
        // An incident registered around the time of the contact.
        var index = (int)((contactedAt - Start) / Span * Incidents.Count) - random.Next(3);
        var incident = Incidents[Math.Clamp(index, 0, Incidents.Count - 1)];
        ticket.LinkIncident(incident.Id, incident.Number, incident.Title, actor, now);
    }

    /// <summary>Old tickets are mostly closed; the last weeks hold the open work (every state).</summary>
    private static (TicketState State, bool WithoutService) PickState(Random random, double ageDays)
    {
        var r = random.NextDouble();
        if (ageDays > 45)
        {
            return r < 0.90 ? (TicketState.Closed, false) : r < 0.93 ? (TicketState.Regularisation, true) : r < 0.95 ? (TicketState.Resolved, false)
                : r < 0.97 ? (TicketState.WaitingOnRnD, false) : r < 0.985 ? (TicketState.WaitingOnCustomer, false) : (TicketState.InProgress, false);
        }
        if (ageDays > 7)
        {
            return r < 0.45 ? (TicketState.Closed, false) : r < 0.60 ? (TicketState.Resolved, false) : r < 0.72 ? (TicketState.WaitingOnCustomer, false)
                : r < 0.80 ? (TicketState.WaitingOnRnD, false) : r < 0.92 ? (TicketState.InProgress, false) : r < 0.95 ? (TicketState.InConsultation, false)
                : r < 0.98 ? (TicketState.Regularisation, false) : (TicketState.Pending, false);
        }
        return r < 0.30 ? (TicketState.Pending, false) : r < 0.55 ? (TicketState.InProgress, false) : r < 0.63 ? (TicketState.WaitingOnCustomer, false)
            : r < 0.67 ? (TicketState.InConsultation, false) : r < 0.70 ? (TicketState.WaitingOnRnD, false) : r < 0.80 ? (TicketState.Resolved, false)
            : r < 0.90 ? (TicketState.Closed, false) : r < 0.95 ? (TicketState.Triage, false) : (TicketState.Regularisation, false);
    }

    /// <summary>What the load generator needs to know about this desk.</summary>
    public DeskManifest Manifest(int tickets, int seed, string provider)
    {
        var filtered = InForce[0];
        return new DeskManifest(provider, tickets, seed, Now, DeskGenerator.Password, DeskGenerator.HeadEmail,
            Consultants.Select(c => c.Email).ToArray(), Administration.Select(a => a.Email).ToArray(),
            SpanishText.RareWord, RareCount, SpanishText.CommonWord, CommonCount,
            TicketCounters.ToDictionary(c => c.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), c => c.Value),
            InForce.Take(200).Select(c => new ManifestCustomer(c.Id, c.Contacts[0].Id)).ToArray(),
            filtered.Id, "error", Consultants[0].Id, States);
    }
}

public sealed record ManifestCustomer(int Id, int ContactId);

public sealed record DeskManifest(
    string Provider, int Tickets, int Seed, DateTimeOffset GeneratedAt, string Password, string HeadEmail, string[] Consultants,
    string[] Administration, string RareWord, int RareTickets, string CommonWord, int CommonTickets, Dictionary<string, long> Counters,
    ManifestCustomer[] Customers, int FilterCustomerId, string FilterClassification, string FilterAssigneeId, Dictionary<string, int> States);

/// <summary>Invented names: people, places and companies.</summary>
public static class Names
{
    public static readonly string[] First =
    [
        "Mónica", "Raúl", "Silvia", "Hernán", "Graciela", "Julián", "Verónica", "Sebastián", "Patricia", "Andrés", "Natalia", "Gustavo",
        "Carla", "Diego", "Florencia", "Javier", "Laura", "Pablo", "Romina", "Tomás", "Valeria", "Matías", "Agustina", "Federico",
    ];

    public static readonly string[] Last =
    [
        "Gutiérrez", "Benítez", "Paredes", "Castro", "Ortiz", "Medina", "Luna", "Rojas", "Godoy", "Villalba", "Herrera", "Peralta",
        "Sosa", "Acosta", "Molina", "Quiroga", "Ramírez", "Fernández", "Ibarra", "Domínguez", "Giménez", "Suárez", "Aguirre", "Correa",
    ];

    public static readonly string[] Cities = ["Córdoba", "Villa María", "Río Cuarto", "San Francisco", "Carlos Paz", "Jesús María", "Alta Gracia", "Bell Ville"];

    public static readonly string[] Positions = ["Jefa de sistemas", "Administración", "Gerente general", "Contador", "Responsable de IT", "Compras", "Tesorería"];

    private static readonly string[] Kinds =
    [
        "Cooperativa", "Distribuidora", "Frigorífico", "Metalúrgica", "Farmacias", "Transportes", "Bodega", "Clínica", "Supermercados",
        "Laboratorio", "Textil", "Logística", "Aceitera", "Estudio Contable", "Constructora", "Agropecuaria", "Ferretería", "Hotel",
    ];

    private static readonly string[] Places =
    [
        "Los Talas", "del Litoral", "Villa Serrana", "Pampa Norte", "San Gabriel", "Andina", "Cerro Colorado", "del Valle", "Río Segundo",
        "del Centro", "Patagonia Austral", "Bahía Blanca", "Biofarma Sur", "La Estancia", "Tandil", "Norpatagónica", "del Oeste",
        "Mesopotamia", "Alto Valle", "Sierras Chicas", "Laguna Larga", "Monte Cristo", "Las Varillas", "Oncativo", "La Carlota",
    ];

    private static readonly string[] Forms = ["S.A.", "S.R.L.", "S.A.S.", "Coop. Ltda."];

    public static string Company(int i)
    {
        var name = $"{Kinds[i % Kinds.Length]} {Places[i / Kinds.Length % Places.Length]} {Forms[i / (Kinds.Length * Places.Length) % Forms.Length]}";
        var round = i / (Kinds.Length * Places.Length * Forms.Length);
        return round == 0 ? name : $"{name} (Sucursal {round + 1})";
    }
}
