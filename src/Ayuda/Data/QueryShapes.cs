using System.Linq.Expressions;
using System.Reflection;

namespace Ayuda.Data;

/// <summary>
/// Pieces for writing a query once and compiling it in more than one form (<see cref="PerProvider{TQuery}"/>): a compiled
/// query is one lambda whose parameters are plain values, so shared parts are written as lambdas and put together here.
/// </summary>
internal static class QueryShapes
{
    /// <summary>The body of <paramref name="lambda"/> with its parameters replaced by <paramref name="arguments"/>: one query written inside another.</summary>
    public static Expression Inline(LambdaExpression lambda, params Expression[] arguments) =>
        new Substitute(lambda.Parameters.Zip(arguments).ToDictionary(p => p.First, p => p.Second)).Visit(lambda.Body);

    /// <summary><paramref name="body"/> with every read of a member of <paramref name="target"/> replaced by what <paramref name="bind"/> gives for it.</summary>
    public static Expression BindMembers(Expression body, ParameterExpression target, Func<PropertyInfo, Expression> bind) =>
        new MemberBinder(target, bind).Visit(body);

    private sealed class Substitute(Dictionary<ParameterExpression, Expression> replacements) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            replacements.TryGetValue(node, out var replacement) ? replacement : node;
    }

    private sealed class MemberBinder(ParameterExpression target, Func<PropertyInfo, Expression> bind) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node.Expression == target && node.Member is PropertyInfo property ? bind(property) : base.VisitMember(node);
    }
}
