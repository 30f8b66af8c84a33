using Paydesk.Domain.Common;

namespace Paydesk.Domain.Payments;

public enum GatewayRefundStatus
{
    Succeeded,
    Failed,
    Pending,
}

/// <summary>
/// What the gateway says became of a refund, whoever heard it; applied to the payment by
/// <see cref="Payment.Apply(RefundId, GatewayRefundOutcome, DateTimeOffset, OutcomeRule)"/>.
/// </summary>
public sealed record GatewayRefundOutcome
{
    public const string FailedCode = "refund_failed";

    public GatewayRefundOutcome(GatewayRefundStatus status, string? reference, string? failureCode = null)
    {
        Status = status;
        Reference = reference;
        FailureCode = status == GatewayRefundStatus.Failed ? failureCode ?? FailedCode : null;
    }

    public GatewayRefundStatus Status { get; }

    public string? Reference { get; }

    /// <summary>Set exactly when the refund failed.</summary>
    public string? FailureCode { get; }
}
