namespace Paydesk.Application.IntegrationEvents;

/// <summary>The refund inside <see cref="PaymentRefundedData"/>.</summary>
public sealed record RefundData(Guid RefundId, long Amount, string? Reason);
