using System.Globalization;
using Ayuda.Features.Feedback;
using Ayuda.Features.Tickets;
using Ayuda.Features.Tickets.Pages;
using Ayuda.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace Ayuda.Tests.Feedback;

/// <summary>The entry's own rules (what the head may do when), and how a recorded entry reads on the ticket's history.</summary>
public sealed class FeedbackEntryTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 1, 15, 0, 0, TimeSpan.Zero);
    private static readonly Actor Head = new("h1", "Marta Jefa");

    private static FeedbackEntry New(FeedbackKind kind) =>
        new("SR-2026-0001", kind, FeedbackCategory.Service, 7, null, "  Lo atendieron mal.  ", new DateOnly(2026, 7, 1), null, new Actor("c1", "Diego"), Now);

    [Fact]
    public void A_complaint_closes_only_after_its_outcome_and_closed_is_final()
    {
        var complaint = New(FeedbackKind.Complaint);
        Assert.Equal("Lo atendieron mal.", complaint.Description);
        Assert.Equal("Feedback.ComplaintNeedsOutcome", Assert.Throws<DomainException>(() => complaint.Close(Head, Now)).Key);
        Assert.Equal(FeedbackState.Open, complaint.State);

        complaint.RecordOutcome("Se llamó al cliente.", Head, Now);
        complaint.RecordOutcome("Se llamó al cliente y se capacitó al equipo.", Head, Now.AddMinutes(5));
        var version = complaint.Version;
        complaint.Close(Head, Now.AddMinutes(6));
        Assert.Equal((FeedbackState.Closed, "Se llamó al cliente y se capacitó al equipo.", "Marta Jefa", version + 1),
            (complaint.State, complaint.Outcome, complaint.ClosedByName, complaint.Version));

        Assert.Equal("Feedback.ClosedIsFinal", Assert.Throws<DomainException>(() => complaint.RecordOutcome("Otra cosa", Head, Now)).Key);
        Assert.Equal("Feedback.ClosedIsFinal", Assert.Throws<DomainException>(() => complaint.Close(Head, Now)).Key);
    }

    [Fact]
    public void A_suggestion_closes_without_an_outcome_and_an_entry_needs_a_description_and_a_customer()
    {
        var suggestion = New(FeedbackKind.Suggestion);
        suggestion.Close(Head, Now);
        Assert.Equal(FeedbackState.Closed, suggestion.State);

        Assert.Equal("Feedback.DescriptionRequired", Assert.Throws<DomainException>(() =>
            new FeedbackEntry("SR-2026-0002", FeedbackKind.Complaint, FeedbackCategory.Other, 7, null, " ", new DateOnly(2026, 7, 1), null, Head, Now)).Key);
        Assert.Equal("Feedback.CustomerRequired", Assert.Throws<DomainException>(() =>
            new FeedbackEntry("SR-2026-0002", FeedbackKind.Complaint, FeedbackCategory.Other, 0, null, "x", new DateOnly(2026, 7, 1), null, Head, Now)).Key);
        Assert.Equal("Feedback.TooLong", Assert.Throws<DomainException>(() =>
            new FeedbackEntry("SR-2026-0002", FeedbackKind.Complaint, FeedbackCategory.Other, 7, null, new string('x', FeedbackEntry.MaxDescriptionLength + 1),
                new DateOnly(2026, 7, 1), null, Head, Now)).Key);
        Assert.Equal("Feedback.OutcomeRequired", Assert.Throws<DomainException>(() => New(FeedbackKind.Complaint).RecordOutcome("  ", Head, Now)).Key);
    }

    [Fact]
    public async Task The_ticket_history_links_to_the_register_entry()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es-AR");
        await using var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddSingleton(new DeskClock(TimeProvider.System, Options.Create(new AyudaOptions())));
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;

        var view = ctx.Render<TimelineView>(p => p.Add(v => v.Entries,
            [new TimelineItem(1, Now, "c1", "Diego", TimelineKind.FeedbackRecorded, null, "SR-2026-0001", "Reclamo: Lo atendieron mal.", true)]));

        var link = view.Find("[data-testid='timeline-feedback-link']");
        Assert.Equal("/feedback/SR-2026-0001", link.GetAttribute("href"));
        Assert.Contains("Registrado en Sugerencias y reclamos como", view.Markup);
        Assert.Contains("Reclamo: Lo atendieron mal.", view.Markup);
    }
}
