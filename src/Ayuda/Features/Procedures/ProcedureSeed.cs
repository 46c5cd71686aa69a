using Ayuda.Data;
using Ayuda.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ayuda.Features.Procedures;

/// <summary>
/// On start (after migrations), on a desk with no controlled documents: the support procedure the team already works
/// by, PR-IMP-01 revision 04 (August 2021), goes in as the current revision, with its change control, so the desk
/// starts from the paper and the next revision is 05.
/// </summary>
internal sealed class ProcedureSeed(IDbContextFactory<AyudaDb> contexts, DeskClock desk, ILogger<ProcedureSeed> logger) : IHostedService
{
    public const string Code = "PR-IMP-01";
    public const int Revision = 4;
    public const string Title = "Procedimiento de asistencia";
    public static readonly DateOnly EffectiveOn = new(2021, 8, 1);

    internal static readonly ChangeInput[] Changes =
    [
        new("Nombre del procedimiento", ProcedureChangeKind.Modification, "Se agregó al título Asistencia."),
        new("Notificaciones", ProcedureChangeKind.Improvement, "Enviar notificación – resumen del caso."),
        new("Nuevos Requerimientos", ProcedureChangeKind.Improvement, "Se agregó la opción de videollamada para el contacto con el cliente."),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.ProcedureDocuments.AnyAsync(cancellationToken))
        {
            return;
        }
        db.ProcedureDocuments.Add(ProcedureDocument.InForce(Code, Revision, Title, Text(), Changes, EffectiveOn, desk.UtcNow));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two hosts starting on one empty PostgreSQL: the other one won the unique code, which is just as good.
            if (await AnotherHostSeededAsync(cancellationToken))
            {
                return;
            }
            throw;
        }
        logger.LogInformation("Procedure {Code} revision {Revision} seeded as current", Code, Revision);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The procedure's text in Markdown, embedded in the assembly.</summary>
    internal static string Text()
    {
        using var stream = typeof(ProcedureSeed).Assembly.GetManifestResourceStream($"Ayuda.Features.Procedures.Seed.{Code}.md")
            ?? throw new InvalidOperationException($"The embedded procedure {Code}.md is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private async Task<bool> AnotherHostSeededAsync(CancellationToken ct)
    {
        await using var fresh = await contexts.CreateDbContextAsync(ct);
        return await fresh.ProcedureDocuments.AnyAsync(d => d.Code == Code, ct);
    }
}
