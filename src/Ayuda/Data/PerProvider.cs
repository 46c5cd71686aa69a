using System.Collections.Concurrent;

namespace Ayuda.Data;

/// <summary>
/// A query compiled with <c>EF.CompileAsyncQuery</c>, once per provider. A compiled query keeps the SQL of the first
/// context it ran on, and one process can hold both providers' contexts (the tests do), so each context type gets its
/// own. Worth it for the reads every page makes: working out the cache key of a large query and pulling its parameters
/// out of the expression cost more than running it.
/// </summary>
internal sealed class PerProvider<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<Type, TQuery> _byContext = new();

    public TQuery For(AyudaDb db) => _byContext.GetOrAdd(db.GetType(), static (_, compile) => compile(), compile);
}
