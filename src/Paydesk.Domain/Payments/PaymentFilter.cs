using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;

namespace Paydesk.Domain.Payments;

/// <summary>
/// Which payments a search or an export takes: every condition given must hold (AND); a null or
/// empty one is no condition. <see cref="CreatedFrom"/> is inclusive, <see cref="CreatedTo"/> exclusive.
/// </summary>
public sealed record PaymentFilter
{
    public static readonly PaymentFilter All = new();

    public PaymentStatus? Status { get; init; }

    public Currency? Currency { get; init; }

    public UserId? UserId { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Metadata keys each with the exact value it must have.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = [];
}
