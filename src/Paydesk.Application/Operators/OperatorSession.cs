using Paydesk.Domain.Operators;

namespace Paydesk.Application.Operators;

/// <summary>What a signed-in operator's cookie carries, and what it is checked against on every request.</summary>
public sealed record OperatorSession(Guid Id, string Name, OperatorRole Role, string SecurityStamp, bool MustChangePassword)
{
    public static OperatorSession From(Operator @operator)
    {
        ArgumentNullException.ThrowIfNull(@operator);
        return new(@operator.Id, @operator.Name, @operator.Role, @operator.SecurityStamp, @operator.MustChangePassword);
    }
}
