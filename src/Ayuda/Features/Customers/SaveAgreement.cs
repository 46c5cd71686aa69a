using Ayuda.Data;
using Ayuda.Infrastructure;
using Ayuda.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ayuda.Features.Customers;

/// <summary>The Project Manager records a support agreement or changes one (renewal, suspension, cancellation).</summary>
public sealed class SaveAgreement(
    IDbContextFactory<AyudaDb> contexts,
    DeskClock desk,
    IStringLocalizer<Strings> l,
    ILogger<SaveAgreement> logger)
{
    public async Task<Outcome<AgreementView>> SaveAsync(int customerId, int? agreementId, AgreementInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Start is null)
        {
            errors["start"] = [l["Agreements.StartRequired"]];
        }
        if (input.End is null)
        {
            errors["end"] = [l["Agreements.EndRequired"]];
        }
        else if (input.Start is { } start && input.End < start)
        {
            errors["end"] = [l["Agreements.EndBeforeStart"]];
        }
        if (errors.Count > 0)
        {
            return Outcome<AgreementView>.Invalid(errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.Include(c => c.Agreements).FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return Outcome<AgreementView>.Fail(l["Customers.NotFound", customerId], DomainErrorKind.NotFound);
        }
        SupportAgreement agreement;
        var status = input.Status ?? AgreementStatus.Active;
        if (agreementId is { } id)
        {
            agreement = customer.Agreements.FirstOrDefault(a => a.Id == id)!;
            if (agreement is null)
            {
                return Outcome<AgreementView>.Fail(l["Agreements.NotFound", id], DomainErrorKind.NotFound);
            }
            agreement.Change(input.Start!.Value, input.End!.Value, status);
        }
        else
        {
            agreement = customer.AddAgreement(input.Start!.Value, input.End!.Value, status);
        }
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Agreement {AgreementId} of customer {CustomerId} saved: {Start} to {End}, {Status}",
            agreement.Id, customerId, agreement.StartsOn, agreement.EndsOn, agreement.Status);
        return Outcome<AgreementView>.Ok(AgreementView.From(agreement, desk.Today));
    }
}
