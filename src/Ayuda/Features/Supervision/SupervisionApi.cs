using Ayuda.Features.Staff;

namespace Ayuda.Features.Supervision;

/// <summary><c>/api/v1/supervision</c>: the head of implementation's view of the whole desk.</summary>
public static class SupervisionApi
{
    public static RouteGroupBuilder MapSupervisionApi(this RouteGroupBuilder api)
    {
        var supervision = api.MapGroup("/supervision").RequireAuthorization(Policies.Supervision).WithTags("Supervision");
        supervision.MapGet("/summary", (SupervisionQueries queries, CancellationToken ct) => queries.SummaryAsync(ct))
            .WithSummary("Open tickets by state and classification, load per consultant, ageing (days since contact), oldest Pending, " +
                "tickets waiting on R&D with days without news, regularisation cases, created and closed per desk week (last 12)")
            .Produces<SupervisionSummary>();
        return api;
    }
}
