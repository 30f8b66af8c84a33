namespace Paydesk.Domain.Operators;

public interface IOperatorRepository
{
    void Add(Operator @operator);

    /// <summary>The operator with this name (compared case-insensitively), tracked for changes.</summary>
    Task<Operator?> GetByNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>The operator, tracked for changes.</summary>
    Task<Operator?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The operator, to read only: changes made to it are never saved.</summary>
    Task<Operator?> GetByIdReadOnlyAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Every operator, by name, to read only.</summary>
    Task<IReadOnlyList<Operator>> ListAsync(CancellationToken cancellationToken);
}
