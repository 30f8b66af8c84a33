namespace Paydesk.Domain.Payments;

public enum PaymentStatus
{
    /// <summary>Stored, and the gateway has not (yet) said how the charge ended.</summary>
    Pending,
    RequiresAction,
    Succeeded,
    Failed,
    PartiallyRefunded,
    Refunded,

    /// <summary>Authorized and not yet captured: the money is held on the card until captured, canceled or lapsed.</summary>
    RequiresCapture,

    /// <summary>Canceled before any money was captured: on request, or because the authorization lapsed.</summary>
    Canceled,
}

public enum RefundStatus
{
    Pending,
    Succeeded,
    Failed,
}

/// <summary>The snake_case names the API and the database use for the statuses.</summary>
public static class StatusNames
{
    public static string ToName(this PaymentStatus status) => status switch
    {
        PaymentStatus.Pending => "pending",
        PaymentStatus.RequiresAction => "requires_action",
        PaymentStatus.Succeeded => "succeeded",
        PaymentStatus.Failed => "failed",
        PaymentStatus.PartiallyRefunded => "partially_refunded",
        PaymentStatus.Refunded => "refunded",
        PaymentStatus.RequiresCapture => "requires_capture",
        PaymentStatus.Canceled => "canceled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static PaymentStatus ParsePaymentStatus(string name) => name switch
    {
        "pending" => PaymentStatus.Pending,
        "requires_action" => PaymentStatus.RequiresAction,
        "succeeded" => PaymentStatus.Succeeded,
        "failed" => PaymentStatus.Failed,
        "partially_refunded" => PaymentStatus.PartiallyRefunded,
        "refunded" => PaymentStatus.Refunded,
        "requires_capture" => PaymentStatus.RequiresCapture,
        "canceled" => PaymentStatus.Canceled,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown payment status."),
    };

    public static string ToName(this RefundStatus status) => status switch
    {
        RefundStatus.Pending => "pending",
        RefundStatus.Succeeded => "succeeded",
        RefundStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static RefundStatus ParseRefundStatus(string name) => name switch
    {
        "pending" => RefundStatus.Pending,
        "succeeded" => RefundStatus.Succeeded,
        "failed" => RefundStatus.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown refund status."),
    };
}
