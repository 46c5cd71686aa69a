using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ayuda.Tests.Support;

namespace Ayuda.Tests.Procedures;

/// <summary>
/// The controlled documents through <c>/api/v1/procedures</c>: the head drafts a revision with its change control and
/// approves it, which makes it current from its effective date; approved revisions never change; only the head
/// approves; any two revisions can be compared; whatever a draft contains is sanitised before anyone reads it.
/// Each test works on a document of its own, except the seeded PR-IMP-01, which no test changes.
/// </summary>
public abstract class ProcedureTests(Desk desk)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewCode() => $"PR-TEST-{Desk.Next()}";

    private static object Change(string location, string kind, string description) => new { location, kind, description };

    /// <summary>The head creates a document and approves its first revision (effective ten days ago).</summary>
    private async Task<string> ApprovedDocumentAsync(string markdown = "# Instructivo\n\nPrimer paso.\n")
    {
        var code = NewCode();
        await Api.Json(await desk.Head.PostAsJsonAsync("/api/v1/procedures", new { code, title = "Instructivo de prueba", markdown }, Ct), HttpStatusCode.Created);
        await Api.Json(await desk.Head.PostAsJsonAsync($"/api/v1/procedures/{code}/revisions/1/approve", new { effectiveDate = Desk.Today.AddDays(-10) }, Ct), HttpStatusCode.OK);
        return code;
    }

    private async Task<JsonElement> DraftAsync(string code, string markdown, params object[] changes) =>
        await Api.Json(await desk.Head.PostAsJsonAsync($"/api/v1/procedures/{code}/revisions", new { markdown, changes }, Ct), HttpStatusCode.Created);

    private async Task<JsonElement> GetAsync(HttpClient client, string url) => await Api.Json(await client.GetAsync(url, Ct), HttpStatusCode.OK);

    [Fact]
    public async Task The_support_procedure_rev_04_is_there_on_first_start_for_every_staff_member()
    {
        var list = await GetAsync(desk.Consultant, "/api/v1/procedures");
        var seeded = Assert.Single(list.EnumerateArray(), d => d.Str("code") == "PR-IMP-01");
        Assert.Equal("Procedimiento de asistencia", seeded.Str("title"));
        Assert.Equal(4, seeded.GetProperty("currentRevision").GetInt32());
        Assert.Equal("2021-08-01", seeded.Str("effectiveOn"));

        var revision = await GetAsync(desk.Administration, "/api/v1/procedures/pr-imp-01/revisions/4");
        Assert.Equal("current", revision.Str("state"));
        Assert.Contains("<h2>Responsabilidades</h2>", revision.Str("html"));
        Assert.Contains("Aquellos clientes que no cuenten con acuerdo de Asistencia y Mantenimiento vigente", revision.Str("html"));
        var changes = revision.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(3, changes.Count);
        Assert.Equal(("Nuevos Requerimientos", "improvement"), (changes[2].Str("location"), changes[2].Str("kind")));
    }

    [Fact]
    public async Task A_draft_approved_by_the_head_becomes_current_from_its_effective_date_and_supersedes_the_previous_revision()
    {
        var code = NewCode();
        var created = await Api.Json(await desk.Head.PostAsJsonAsync("/api/v1/procedures",
            new { code = code.ToLowerInvariant(), title = "Instructivo de guardias", markdown = "# Guardias\n\nUna persona por semana.\n" }, Ct), HttpStatusCode.Created);
        Assert.Equal(code, created.Str("code"));
        Assert.Equal(1, created.GetProperty("draftRevision").GetInt32());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("currentRevision").ValueKind);
        // Not approved yet: for Administration (who reads but does not keep the procedure) the document does not exist.
        await Api.Problem(await desk.Administration.GetAsync($"/api/v1/procedures/{code}", Ct), HttpStatusCode.NotFound);

        var first = await Api.Json(await desk.Head.PostAsJsonAsync($"/api/v1/procedures/{code}/revisions/1/approve", new { effectiveDate = Desk.Today.AddDays(-30) }, Ct), HttpStatusCode.OK);
        Assert.Equal("current", first.Str("state"));
        Assert.Equal(Desk.Today.AddDays(-30).ToString("yyyy-MM-dd"), first.Str("effectiveOn"));

        var draft = await DraftAsync(code, "# Guardias\n\nUna persona por semana, de lunes a lunes.\n",
            Change("Descripción", "modification", "La guardia va de lunes a lunes."));
        Assert.Equal(2, draft.GetProperty("number").GetInt32());
        Assert.Equal("draft", draft.Str("state"));
        Assert.Equal("Instructivo de guardias", draft.Str("title"));
        // Administration still reads revision 1 and never sees the draft.
        var seenByAdministration = await GetAsync(desk.Administration, $"/api/v1/procedures/{code}");
        Assert.Equal(1, seenByAdministration.GetProperty("currentRevision").GetInt32());
        Assert.Equal([1], seenByAdministration.GetProperty("revisions").EnumerateArray().Select(r => r.GetProperty("number").GetInt32()));
        await Api.Problem(await desk.Administration.GetAsync($"/api/v1/procedures/{code}/revisions/2", Ct), HttpStatusCode.NotFound);

        var approved = await Api.Json(await desk.Head.PostAsync($"/api/v1/procedures/{code}/revisions/2/approve", null, Ct), HttpStatusCode.OK);
        Assert.Equal("current", approved.Str("state"));
        Assert.Equal(Desk.Today.ToString("yyyy-MM-dd"), approved.Str("effectiveOn"));
        Assert.Equal("Marta Jefa", approved.Str("approvedBy"));

        var document = await GetAsync(desk.Consultant, $"/api/v1/procedures/{code}");
        Assert.Equal(2, document.GetProperty("currentRevision").GetInt32());
        Assert.Equal(Desk.Today.ToString("yyyy-MM-dd"), document.Str("effectiveOn"));
        var revisions = document.GetProperty("revisions").EnumerateArray().ToList();
        Assert.Equal([(2, "current"), (1, "superseded")], revisions.Select(r => (r.GetProperty("number").GetInt32(), r.Str("state"))));
        Assert.Equal("La guardia va de lunes a lunes.", revisions[0].GetProperty("changes")[0].Str("description"));
        Assert.Contains(document.GetProperty("revisions").EnumerateArray(), r => r.GetProperty("number").GetInt32() == 1 && r.Str("approvedBy") == "Marta Jefa");
        // The earlier revision stays readable as it was.
        var old = await GetAsync(desk.Consultant, $"/api/v1/procedures/{code}/revisions/1");
        Assert.Equal("# Guardias\n\nUna persona por semana.\n", old.Str("markdown"));
        Assert.Equal("superseded", old.Str("state"));
    }

    [Fact]
    public async Task An_approved_revision_cannot_be_edited_or_discarded_and_stays_as_it_was()
    {
        var code = await ApprovedDocumentAsync("# Instructivo\n\nTexto aprobado.\n");
        var before = await GetAsync(desk.Head, $"/api/v1/procedures/{code}/revisions/1");

        await Api.Problem(await desk.Head.PutAsJsonAsync($"/api/v1/procedures/{code}/revisions/1",
            new { version = before.GetProperty("version").GetInt32(), markdown = "# Instructivo\n\nTexto cambiado a escondidas.\n", changes = Array.Empty<object>() }, Ct),
            HttpStatusCode.Conflict, "ya está aprobada y no se puede cambiar");
        await Api.Problem(await desk.Head.DeleteAsync($"/api/v1/procedures/{code}/revisions/1", Ct), HttpStatusCode.Conflict, "ya está aprobada");
        await Api.Problem(await desk.Head.PostAsJsonAsync($"/api/v1/procedures/{code}/revisions/1/approve", new { }, Ct), HttpStatusCode.Conflict);

        var after = await GetAsync(desk.Head, $"/api/v1/procedures/{code}/revisions/1");
        Assert.Equal("# Instructivo\n\nTexto aprobado.\n", after.Str("markdown"));
        Assert.Equal(before.Str("html"), after.Str("html"));
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
        Assert.Equal("current", after.Str("state"));
    }

    [Fact]
    public async Task A_draft_is_edited_with_its_version_one_at_a_time_and_can_be_discarded()
    {
        var code = await ApprovedDocumentAsync();
        var draft = await DraftAsync(code, "# Instructivo\n\nBorrador.\n");
        await Api.Problem(await desk.Head.PostAsJsonAsync($"/api/v1/procedures/{code}/revisions", new { markdown = "Otro borrador" }, Ct),
            HttpStatusCode.Conflict, "ya tiene un borrador en curso (revisión 2)");

        var version = draft.GetProperty("version").GetInt32();
        var edited = await Api.Json(await desk.Head.PutAsJsonAsync($"/api/v1/procedures/{code}/revisions/2",
            new { version, markdown = "# Instructivo\n\nBorrador corregido.\n", title = "Instructivo renombrado", changes = new[] { Change("Título", "modification", "Nuevo nombre.") } }, Ct),
            HttpStatusCode.OK);
        Assert.Equal(version + 1, edited.GetProperty("version").GetInt32());
        Assert.Equal("Instructivo renombrado", edited.Str("title"));
        await Api.Problem(await desk.Head.PutAsJsonAsync($"/api/v1/procedures/{code}/revisions/2",
            new { version, markdown = "Pisado", changes = Array.Empty<object>() }, Ct), HttpStatusCode.Conflict, "Otra persona guardó el borrador");
        Assert.Equal("# Instructivo\n\nBorrador corregido.\n", (await GetAsync(desk.Head, $"/api/v1/procedures/{code}/revisions/2")).Str("markdown"));

        await Api.Json(await desk.Head.DeleteAsync($"/api/v1/procedures/{code}/revisions/2?version={version + 1}", Ct), HttpStatusCode.NoContent);
        var document = await GetAsync(desk.Head, $"/api/v1/procedures/{code}");
        Assert.Equal(JsonValueKind.Null, document.GetProperty("draftRevision").ValueKind);
        Assert.Equal("Instructivo de prueba", document.Str("title"));
        Assert.Equal(2, (await DraftAsync(code, "De nuevo")).GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task Consultants_keep_the_procedure_with_the_head_but_only_the_head_approves()
    {
        var code = await ApprovedDocumentAsync();
        await DraftAsync(code, "# Instructivo\n\nSegundo paso.\n", Change("Descripción", "new", "Se agrega el segundo paso."));

        // Rev. 04: consultants draw it up and keep it up to date together with their head.
        var draft = await GetAsync(desk.Consultant, $"/api/v1/procedures/{code}/revisions/2");
        var edited = await Api.Json(await desk.Consultant.PutAsJsonAsync($"/api/v1/procedures/{code}/revisions/2", new
        {
            version = draft.GetProperty("version").GetInt32(), markdown = "# Instructivo\n\nSegundo paso, con la captura.\n",
            changes = new[] { Change("Descripción", "new", "Se agrega el segundo paso.") },
        }, Ct), HttpStatusCode.OK);
        Assert.Equal("draft", edited.Str("state"));

        await Api.Problem(await desk.Consultant.PostAsJsonAsync($"/api/v1/procedures/{code}/revisions/2/approve", new { }, Ct), HttpStatusCode.Forbidden);
        await Api.Problem(await desk.Admin.PostAsJsonAsync($"/api/v1/procedures/{code}/revisions/2/approve", new { }, Ct), HttpStatusCode.Forbidden);
        await Api.Problem(await desk.Administration.PutAsJsonAsync($"/api/v1/procedures/{code}/revisions/2",
            new { version = edited.GetProperty("version").GetInt32(), markdown = "Cambio", changes = Array.Empty<object>() }, Ct), HttpStatusCode.Forbidden);
        await Api.Problem(await desk.Admin.PostAsJsonAsync("/api/v1/procedures", new { code = NewCode(), title = "X", markdown = "X" }, Ct), HttpStatusCode.Forbidden);

        var document = await GetAsync(desk.Head, $"/api/v1/procedures/{code}");
        Assert.Equal(1, document.GetProperty("currentRevision").GetInt32());
        Assert.Equal(2, document.GetProperty("draftRevision").GetInt32());
    }

    [Fact]
    public async Task The_diff_between_two_revisions_shows_the_added_and_removed_lines()
    {
        var code = await ApprovedDocumentAsync("# Instructivo\n\nPaso uno.\nPaso dos.\nPaso tres.\n");
        await DraftAsync(code, "# Instructivo\n\nPaso uno.\nPaso dos, con captura de pantalla.\nPaso tres.\nPaso cuatro.\n",
            Change("Descripción", "improvement", "Captura en el paso dos y un paso cuatro."));
        await Api.Json(await desk.Head.PostAsync($"/api/v1/procedures/{code}/revisions/2/approve", null, Ct), HttpStatusCode.OK);

        var diff = await GetAsync(desk.Consultant, $"/api/v1/procedures/{code}/diff?from=1&to=2");
        var lines = diff.GetProperty("lines").EnumerateArray().Select(l => (l.Str("kind"), l.Str("text"))).ToList();
        Assert.Contains(("removed", "Paso dos."), lines);
        Assert.Contains(("added", "Paso dos, con captura de pantalla."), lines);
        Assert.Contains(("added", "Paso cuatro."), lines);
        Assert.Contains(("unchanged", "Paso uno."), lines);
        Assert.Equal((2, 1), (diff.GetProperty("added").GetInt32(), diff.GetProperty("removed").GetInt32()));
        Assert.Contains(diff.GetProperty("sideBySide").EnumerateArray(),
            r => r.GetProperty("from").Str("text") == "Paso dos." && r.GetProperty("to").Str("text") == "Paso dos, con captura de pantalla.");

        var missing = await Api.FieldErrors(await desk.Consultant.GetAsync($"/api/v1/procedures/{code}/diff?from=1", Ct), "to");
        Assert.Equal(["Elegí qué revisión comparar."], missing);
        await Api.Problem(await desk.Consultant.GetAsync($"/api/v1/procedures/{code}/diff?from=1&to=9", Ct), HttpStatusCode.NotFound, "no tiene la revisión 9");
    }

    [Fact]
    public async Task Markdown_with_a_script_is_sanitised_before_anyone_reads_it()
    {
        var code = await ApprovedDocumentAsync();
        const string hostile = "# Instructivo\n\nHola <script>alert('x')</script> mundo.\n\n<img src=\"x\" onerror=\"alert(1)\">\n\n[clic](javascript:alert(1))\n\n| Paso | Quién |\n| --- | --- |\n| Uno | **Administración** |\n";
        var draft = await DraftAsync(code, hostile, Change("Descripción", "new", "Prueba."));

        foreach (var html in new[] { draft.Str("html"), (await GetAsync(desk.Head, $"/api/v1/procedures/{code}/revisions/2")).Str("html") })
        {
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("alert('x')", html);
            Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("<strong>Administración</strong>", html);
            Assert.Contains("<table>", html);
        }
        // The text is kept as typed: sanitising is for reading, not a silent edit.
        Assert.Equal(hostile, draft.Str("markdown"));
    }

    [Fact]
    public async Task A_revision_with_missing_parts_is_refused_field_by_field_and_nothing_is_stored()
    {
        var code = NewCode();
        var invalid = await Api.Problem(await desk.Head.PostAsJsonAsync("/api/v1/procedures",
            new { code = "PR IMP 01", title = "", markdown = " ", changes = new[] { new { location = "Objeto", kind = (string?)null, description = "" } } }, Ct),
            HttpStatusCode.BadRequest);
        var errors = invalid.GetProperty("errors");
        Assert.StartsWith("El código va en letras y números separados por guiones", errors.GetProperty("code")[0].GetString());
        Assert.Equal("Escribí el título del documento.", errors.GetProperty("title")[0].GetString());
        Assert.Equal("Escribí el texto de la revisión.", errors.GetProperty("markdown")[0].GetString());
        Assert.Contains("Nuevo, Modificación o Mejora", errors.GetProperty("changes[0].kind")[0].GetString());
        Assert.True(errors.TryGetProperty("changes[0].description", out _));
        Assert.DoesNotContain((await GetAsync(desk.Head, "/api/v1/procedures")).EnumerateArray(), d => d.Str("code") == "PR-IMP-01" && d.GetProperty("draftRevision").ValueKind != JsonValueKind.Null);

        await Api.Json(await desk.Head.PostAsJsonAsync("/api/v1/procedures", new { code, title = "Uno", markdown = "Uno" }, Ct), HttpStatusCode.Created);
        await Api.Problem(await desk.Head.PostAsJsonAsync("/api/v1/procedures", new { code, title = "Dos", markdown = "Dos" }, Ct), HttpStatusCode.Conflict, $"Ya existe un documento con el código {code}");

        // A later revision needs its change control, and the effective date is not in the future.
        await Api.Json(await desk.Head.PostAsJsonAsync($"/api/v1/procedures/{code}/revisions/1/approve", new { }, Ct), HttpStatusCode.OK);
        await DraftAsync(code, "Uno y dos");
        await Api.Problem(await desk.Head.PostAsJsonAsync($"/api/v1/procedures/{code}/revisions/2/approve", new { }, Ct), HttpStatusCode.Conflict, "cargá al menos una fila");
        var draft = await GetAsync(desk.Head, $"/api/v1/procedures/{code}/revisions/2");
        await Api.Json(await desk.Head.PutAsJsonAsync($"/api/v1/procedures/{code}/revisions/2", new
        {
            version = draft.GetProperty("version").GetInt32(), markdown = "Uno y dos", changes = new[] { Change("Todo", "new", "Paso dos.") },
        }, Ct), HttpStatusCode.OK);
        await Api.Problem(await desk.Head.PostAsJsonAsync($"/api/v1/procedures/{code}/revisions/2/approve", new { effectiveDate = Desk.Today.AddDays(3) }, Ct),
            HttpStatusCode.BadRequest, "no puede ser posterior a hoy");
        Assert.Equal("draft", (await GetAsync(desk.Head, $"/api/v1/procedures/{code}/revisions/2")).Str("state"));
    }
}

public sealed class ProceduresOnSqlite(SqliteDesk desk) : ProcedureTests(desk), IClassFixture<SqliteDesk>;

public sealed class ProceduresOnPostgres(PostgresDesk desk) : ProcedureTests(desk), IClassFixture<PostgresDesk>;
