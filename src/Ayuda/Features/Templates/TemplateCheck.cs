using Fluid;
using Fluid.Ast;

namespace Ayuda.Features.Templates;

/// <summary>
/// Reads a parsed template and lists the fields it uses that its kind does not offer. Loop and assigned variables
/// are followed: in <c>{% for e in timeline %}</c>, <c>e.text</c> is <c>timeline[].text</c>.
/// </summary>
internal sealed class TemplateCheck : AstVisitor
{
    private readonly HashSet<string> _known;
    private readonly Dictionary<string, string> _locals = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _unknown = new(StringComparer.Ordinal);

    private TemplateCheck(IEnumerable<string> known) => _known = new HashSet<string>(known, StringComparer.Ordinal);

    /// <summary>The unknown fields of <paramref name="template"/>, sorted; empty when every field is known.</summary>
    public static IReadOnlyCollection<string> UnknownFields(IFluidTemplate template, IEnumerable<string> known)
    {
        var check = new TemplateCheck(known);
        check.VisitTemplate(template);
        return check._unknown;
    }

    protected override Statement VisitForStatement(ForStatement forStatement)
    {
        // The loop variable stands for an item of the list it walks.
        var source = forStatement.Source is MemberExpression member ? PathOf(member) : null;
        _locals[forStatement.Identifier] = source is null ? "" : source + "[]";
        _locals["forloop"] = "";
        return base.VisitForStatement(forStatement);
    }

    protected override Statement VisitAssignStatement(AssignStatement assignStatement)
    {
        _locals[assignStatement.Identifier] = "";
        return base.VisitAssignStatement(assignStatement);
    }

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
    {
        _locals[captureStatement.Identifier] = "";
        return base.VisitCaptureStatement(captureStatement);
    }

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        if (PathOf(memberExpression) is { } path && !_known.Contains(path) && !IsLocal(path))
        {
            _unknown.Add(path);
        }
        return base.VisitMemberExpression(memberExpression);
    }

    /// <summary>A local variable itself (an assigned text, a loop counter) is always fine; a loop item resolves to its list's item.</summary>
    private bool IsLocal(string path)
    {
        var root = path.Split('.')[0];
        return _locals.TryGetValue(root, out var stands) && (stands.Length == 0 || root == path || _known.Contains(stands + path[root.Length..]));
    }

    /// <summary>The dotted path of a member expression: <c>ticket.number</c>; null when it indexes with an expression.</summary>
    private string? PathOf(MemberExpression member)
    {
        var names = new List<string>();
        foreach (var segment in member.Segments)
        {
            if (segment is not IdentifierSegment identifier)
            {
                return names.Count == 0 ? null : string.Join('.', names);
            }
            names.Add(identifier.Identifier);
        }
        return string.Join('.', names);
    }
}
