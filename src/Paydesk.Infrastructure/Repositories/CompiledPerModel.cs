using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Paydesk.Infrastructure.Repositories;

/// <summary>
/// An EF Core compiled query, compiled once for each model it meets. A compiled query skips what
/// LINQ costs on every call: building the expression, pulling out its parameters and hashing it to
/// find the cached plan (what that cost is measured in decision 0006).
/// EF binds a compiled query to the model it first ran with and throws for any other, and one
/// process can hold several: the SQLite and the PostgreSQL model, and every test host's.
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext context)
    {
        var model = context.Model;
        return _byModel.TryGetValue(model, out var query) ? query : _byModel.GetValue(model, _ => compile());
    }
}
