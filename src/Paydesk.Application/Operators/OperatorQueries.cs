using Paydesk.Domain.Operators;

namespace Paydesk.Application.Operators;

public sealed record OperatorSummary(string Name, OperatorRole Role, bool Disabled, bool MustChangePassword, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt);

public sealed class OperatorQueries(IOperatorRepository operators)
{
    public async Task<IReadOnlyList<OperatorSummary>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await operators.ListAsync(cancellationToken)).Select(o => new OperatorSummary(o.Name, o.Role, o.Disabled, o.MustChangePassword, o.LockedUntil, o.CreatedAt))];

    /// <summary>The operator's current session facts; null once the operator is disabled or gone.</summary>
    public async Task<OperatorSession?> FindActiveSessionAsync(Guid id, CancellationToken cancellationToken)
    {
        var found = await operators.GetByIdReadOnlyAsync(id, cancellationToken);
        return found is null || found.Disabled ? null : OperatorSession.From(found);
    }
}
