using System.Security.Claims;
using Ayuda.Features.Staff;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Tickets;

/// <summary><c>/api/v1/tickets</c>: queues, a ticket, its timeline, and the consultant's actions.</summary>
public static class TicketsApi
{
    public sealed record AssignRequest(string? UserId);

    public sealed record ClassifyRequest(Classification? Classification);

    public sealed record PriorityRequest(TicketPriority? Priority);

    public static RouteGroupBuilder MapTicketsApi(this RouteGroupBuilder api)
    {
        var tickets = api.MapGroup("/tickets").WithTags("Tickets");

        tickets.MapGet("/", (TicketQueries queries, DeskClock desk, ClaimsPrincipal user, CancellationToken ct, string? state, string? assignee, int? customerId,
                string? classification, string? priority, string? channel, string? sort, string? cursor, int? minAgeDays, int? maxAgeDays,
                DateOnly? createdFrom, DateOnly? createdTo, DateOnly? closedFrom, DateOnly? closedTo, bool open = false, int limit = 50) =>
            {
                var (classified, unclassified) = TicketWindow.ParseClassification(classification, nameof(classification));
                var filter = new TicketFilter(
                    QueryValues.Enum<TicketState>(state, nameof(state)),
                    assignee == "me" ? user.StaffId() : assignee,
                    customerId,
                    classified,
                    QueryValues.Enum<TicketPriority>(priority, nameof(priority)),
                    QueryValues.Enum<Channel>(channel, nameof(channel)),
                    NewestFirst: string.Equals(sort, "newest", StringComparison.OrdinalIgnoreCase), OpenOnly: open, Unclassified: unclassified);
                var window = new TicketWindow(minAgeDays, maxAgeDays, createdFrom, createdTo, closedFrom, closedTo);
                return queries.ListAsync(window.Apply(filter, desk), cursor, limit, ct);
            })
            .WithSummary("A queue: oldest contact first (sort=newest for the reverse); assignee=me|none|id; classification=none for unclassified; " +
                "open=true leaves out closed; minAgeDays/maxAgeDays (age since contact), createdFrom/createdTo and closedFrom/closedTo (desk dates, inclusive); page with the returned cursor");

        tickets.MapGet("/{number}", async Task<IResult> (string number, TicketQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.GetAsync(number, ct) is { } found ? TypedResults.Ok(found) : NotFound(l, number))
            .WithSummary("One ticket")
            .Produces<TicketView>();

        tickets.MapGet("/{number}/timeline", async Task<IResult> (string number, TicketQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.TimelineAsync(number, ct) is { } found ? TypedResults.Ok(found) : NotFound(l, number))
            .WithSummary("The ticket's append-only history, oldest first")
            .Produces<IReadOnlyList<TimelineItem>>();

        tickets.MapPost("/{number}/take", async Task<IResult> (string number, ClaimsPrincipal user, TakeTicket take, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await take.ExecuteAsync(number, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Implementation)
            .WithSummary("Take a Pending ticket; 409 names who has it when someone was first")
            .Produces<TicketView>()
            .ProducesProblem(StatusCodes.Status409Conflict);

        tickets.MapPost("/{number}/assign", async Task<IResult> (string number, AssignRequest body, ClaimsPrincipal user, AssignTicket assign, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await assign.ExecuteAsync(number, body.UserId, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Supervision)
            .WithSummary("Assign or reassign to a consultant (head of implementation)")
            .Produces<TicketView>();

        tickets.MapPost("/{number}/classify", async Task<IResult> (string number, ClassifyRequest body, ClaimsPrincipal user, ClassifyTicket classify, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await classify.ExecuteAsync(number, body.Classification, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Implementation)
            .WithSummary("Classify: usageQuery, error, newRequirement, suggestion or complaint")
            .Produces<TicketView>();

        tickets.MapPost("/{number}/priority", async Task<IResult> (string number, PriorityRequest body, ClaimsPrincipal user, ClassifyTicket classify, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await classify.ChangePriorityAsync(number, body.Priority, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Implementation)
            .WithSummary("Change the priority: low, normal, high or urgent")
            .Produces<TicketView>();

        tickets.MapPost("/{number}/notes", async Task<IResult> (string number, AddTicketNote.Request body, ClaimsPrincipal user, AddTicketNote note, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await note.ExecuteAsync(number, body, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .WithSummary("Add a note: internal (default, never reaches the customer) or public; call=true for notes of a phone call")
            .Produces<TicketView>();

        tickets.MapGet("/{number}/messages", async Task<IResult> (string number, TicketQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.MessagesAsync(number, ct) is { } found ? TypedResults.Ok(found) : NotFound(l, number))
            .WithSummary("Messages to and from the customer, oldest first, with attachments and delivery state")
            .Produces<IReadOnlyList<MessageView>>();

        tickets.MapPost("/{number}/answer", async Task<IResult> (string number, ResolveTicket.AnswerRequest body, ClaimsPrincipal user, ResolveTicket resolve, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await resolve.AnswerAndCloseAsync(number, body, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Implementation)
            .WithSummary("Answer and close in one step (a usage query answered on the line): {\"answer\"}; a Pending ticket is taken by whoever answers")
            .Produces<TicketView>()
            .ProducesValidationProblem();

        tickets.MapPost("/{number}/close", async Task<IResult> (string number, ResolveTicket.CloseRequest body, ClaimsPrincipal user, ResolveTicket resolve, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await resolve.CloseAsync(number, body, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Implementation)
            .WithSummary("Close a resolved ticket by hand, without (or after a failed) closing notification: {\"reason\"} (required)")
            .Produces<TicketView>();

        tickets.MapPost("/{number}/replies", async Task<IResult> (string number, ReplyToCustomer.Request body, ClaimsPrincipal user, ReplyToCustomer reply, IStringLocalizer<Strings> l, CancellationToken ct) =>
                (await reply.ExecuteAsync(number, body, user.ToActor(), ct)).ToResult(TypedResults.Ok, l))
            .RequireAuthorization(Policies.Implementation)
            .WithSummary("Write to the customer: {\"to\":[...],\"cc\":[...],\"subject\"?,\"text\"}; sent through the outbox with the ticket's threading headers")
            .Produces<TicketView>()
            .ProducesValidationProblem();

        api.MapGet("/attachments/{id:long}", async Task<IResult> (long id, TicketQueries queries, IStringLocalizer<Strings> l, CancellationToken ct) =>
                await queries.AttachmentAsync(id, ct) is { } file
                    ? AttachmentDownload.Result(file.FileName, file.Bytes)
                    : TypedResults.Problem(l["Attachments.NotFound"], statusCode: StatusCodes.Status404NotFound, title: l["Problem.NotFoundTitle"]))
            .WithTags("Tickets")
            .WithSummary("Download an attachment (always as a file, never rendered)");

        tickets.MapGet("/assignable", (TicketQueries queries, CancellationToken ct) => queries.AssignableAsync(ct))
            .WithSummary("Staff a ticket can be assigned to");

        return api;
    }

    private static IResult NotFound(IStringLocalizer<Strings> l, string number) =>
        TypedResults.Problem(l["Tickets.NotFound", number], statusCode: StatusCodes.Status404NotFound, title: l["Problem.NotFoundTitle"]);
}
