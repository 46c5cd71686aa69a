using Ayuda.Features.Customers;
using Ayuda.Features.Tickets;
using Ayuda.Infrastructure;

namespace Ayuda.Tests.Tickets;

/// <summary>The ticket guards its own state: only the moves of the procedure, each one recorded.</summary>
public sealed class TicketRulesTests
{
    private static readonly DateTimeOffset ContactedAt = new(2026, 8, 3, 13, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = ContactedAt.AddMinutes(5);
    private static readonly Actor Ana = new("u-ana", "Ana Administración");
    private static readonly Actor Diego = new("u-diego", "Diego Consultor");
    private static readonly Actor Lucia = new("u-lucia", "Lucía Consultora");
    private static readonly AgreementBadge InForce = new(AgreementBadgeKind.InForce, new DateOnly(2026, 12, 31));
    private static readonly AgreementBadge Expired = new(AgreementBadgeKind.Expired, new DateOnly(2026, 6, 30));

    private static Ticket Received() =>
        new("2026-000042", Channel.Phone, "No imprime facturas", "Desde ayer", "011 4567-8901", TicketPriority.Normal, ContactedAt, Ana, Now);

    private static Ticket Gated(AgreementBadge badge)
    {
        var ticket = Received();
        ticket.Identify(7, 70, "Panadería Núñez", Ana, Now);
        ticket.ApplyGate(badge, Ana, Now);
        return ticket;
    }

    /// <summary>A ticket brought to <paramref name="state"/> the way the desk brings it there.</summary>
    private static Ticket InState(TicketState state)
    {
        var ticket = state switch
        {
            TicketState.Triage => Received(),
            TicketState.Regularisation => Gated(Expired),
            TicketState.Closed => Received(),
            _ => Gated(InForce),
        };
        if (state == TicketState.Closed)
        {
            ticket.CloseWithoutService("Número equivocado", Ana, Now);
        }
        else if (state is not (TicketState.Triage or TicketState.Regularisation or TicketState.Pending))
        {
            ticket.Take(Diego, Now);
            if (state != TicketState.InProgress)
            {
                ticket.MoveTo(state, Diego, Now);
            }
        }
        Assert.Equal(state, ticket.State);
        return ticket;
    }

    public static TheoryData<TicketState, TicketState> IllegalMoves()
    {
        var data = new TheoryData<TicketState, TicketState>();
        foreach (var from in Enum.GetValues<TicketState>())
        {
            foreach (var to in Enum.GetValues<TicketState>().Where(to => !TicketStates.CanMove(from, to)))
            {
                data.Add(from, to);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public void Every_move_outside_the_procedure_is_refused_and_leaves_no_trace(TicketState from, TicketState to)
    {
        var ticket = InState(from);
        var entries = ticket.Timeline.Count;
        var refused = Assert.Throws<DomainException>(() => ticket.MoveTo(to, Diego, Now));
        Assert.Equal("Ticket.IllegalMove", refused.Key);
        Assert.Equal(DomainErrorKind.Conflict, refused.Kind);
        Assert.Equal(from, ticket.State);
        Assert.Equal(entries, ticket.Timeline.Count);
    }

    [Theory]
    [InlineData(TicketState.Triage, TicketState.InProgress)]
    [InlineData(TicketState.Regularisation, TicketState.InProgress)]
    [InlineData(TicketState.Regularisation, TicketState.Resolved)]
    [InlineData(TicketState.Pending, TicketState.Resolved)]
    [InlineData(TicketState.Closed, TicketState.Pending)]
    [InlineData(TicketState.Closed, TicketState.Regularisation)]
    public void Nobody_skips_the_gate_or_the_queue(TicketState from, TicketState to)
    {
        Assert.False(TicketStates.CanMove(from, to));
        Assert.Throws<DomainException>(() => InState(from).MoveTo(to, Diego, Now));
    }

    [Fact]
    public void Every_allowed_move_is_recorded_in_the_timeline_with_who_and_both_states()
    {
        foreach (var from in Enum.GetValues<TicketState>())
        {
            foreach (var to in TicketStates.NextFrom(from))
            {
                var ticket = InState(from);
                ticket.MoveTo(to, Lucia, Now);
                var entry = ticket.Timeline[^1];
                Assert.Equal(to, ticket.State);
                Assert.Equal((TimelineKind.StateChanged, Ticket.Code(from), Ticket.Code(to), "Lucía Consultora"), (entry.Kind, entry.From, entry.To, entry.ActorName));
            }
        }
    }

    [Fact]
    public void Customer_in_force_goes_to_pending_and_without_agreement_to_regularisation()
    {
        Assert.Equal(TicketState.Pending, Gated(InForce).State);
        var stopped = Gated(Expired);
        Assert.Equal(TicketState.Regularisation, stopped.State);
        var check = Assert.Single(stopped.Timeline, e => e.Kind == TimelineKind.AgreementChecked);
        Assert.Equal(("expired", "2026-06-30"), (check.To, check.Text));
    }

    [Fact]
    public void A_taken_ticket_refuses_a_second_consultant_and_names_who_has_it()
    {
        var ticket = InState(TicketState.Pending);
        ticket.Take(Diego, Now);
        var taken = Assert.Throws<TicketTakenException>(() => ticket.Take(Lucia, Now));
        Assert.Equal(Diego.Id, taken.AssigneeId);
        Assert.Equal(Diego.Id, ticket.AssigneeId);
        Assert.Equal(TicketState.InProgress, ticket.State);
    }

    [Fact]
    public void Only_pending_tickets_can_be_taken()
    {
        Assert.Equal("Ticket.TakeOnlyPending", Assert.Throws<DomainException>(() => InState(TicketState.Regularisation).Take(Diego, Now)).Key);
        Assert.Throws<DomainException>(() => InState(TicketState.Triage).Take(Diego, Now));
    }

    [Fact]
    public void Release_without_an_agreement_in_force_is_refused_and_the_case_stays_with_the_pm()
    {
        var ticket = InState(TicketState.Regularisation);
        var refused = Assert.Throws<DomainException>(() => ticket.Release(Expired, Ana, Now));
        Assert.Equal("Ticket.ReleaseNeedsAgreement", refused.Key);
        Assert.Equal(TicketState.Regularisation, ticket.State);
    }

    [Fact]
    public void Released_case_is_pending_with_its_original_time_of_contact()
    {
        var ticket = InState(TicketState.Regularisation);
        ticket.Release(InForce, Ana, Now.AddDays(3));
        Assert.Equal(TicketState.Pending, ticket.State);
        Assert.Equal(ContactedAt, ticket.ContactedAt);
        Assert.Equal("inForce", ticket.Timeline.Last(e => e.Kind == TimelineKind.AgreementChecked).To);
        Assert.Throws<DomainException>(() => ticket.Release(InForce, Ana, Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Closing_without_service_needs_a_reason(string reason)
    {
        var ticket = InState(TicketState.Regularisation);
        var refused = Assert.Throws<DomainException>(() => ticket.CloseWithoutService(reason, Ana, Now));
        Assert.Equal(("Ticket.ReasonRequired", DomainErrorKind.Invalid), (refused.Key, refused.Kind));
        Assert.Equal(TicketState.Regularisation, ticket.State);
    }

    [Fact]
    public void Closing_without_service_keeps_the_reason_and_is_refused_once_implementation_has_it()
    {
        var ticket = InState(TicketState.Triage);
        ticket.CloseWithoutService("  Spam  ", Ana, Now);
        Assert.Equal(TicketState.Closed, ticket.State);
        Assert.Equal("Spam", ticket.Timeline[^1].Text);
        Assert.Throws<DomainException>(() => InState(TicketState.Pending).CloseWithoutService("No corresponde", Ana, Now));
    }

    [Theory]
    [InlineData(TicketState.Triage, false)]
    [InlineData(TicketState.Regularisation, false)]
    [InlineData(TicketState.Closed, false)]
    [InlineData(TicketState.Pending, true)]
    [InlineData(TicketState.InProgress, true)]
    [InlineData(TicketState.WaitingOnRnD, true)]
    [InlineData(TicketState.Resolved, true)]
    public void Classification_happens_only_while_implementation_has_the_ticket(TicketState state, bool allowed)
    {
        var ticket = InState(state);
        if (allowed)
        {
            ticket.Classify(Classification.Error, Diego, Now);
            Assert.Equal(Classification.Error, ticket.Classification);
            Assert.Equal((TimelineKind.Classified, "error"), (ticket.Timeline[^1].Kind, ticket.Timeline[^1].To));
        }
        else
        {
            Assert.Equal("Ticket.ClassifyNotNow", Assert.Throws<DomainException>(() => ticket.Classify(Classification.Error, Diego, Now)).Key);
            Assert.Null(ticket.Classification);
        }
    }
}
