namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>
/// The parts of a Stripe PaymentIntent its outcome is read from, whether it came as a Stripe.net
/// object (the API) or as an event's JSON (a webhook).
/// </summary>
internal sealed record StripeIntentState(string Id, string? Status, string? ErrorCode, string? DeclineCode)
{
    public string? CancellationReason { get; init; }

    public string? NextActionType { get; init; }

    /// <summary><c>next_action.redirect_to_url.url</c>; at Stripe it carries the client secret, so it is never logged either.</summary>
    public string? RedirectUrl { get; init; }

    public string? ClientSecret { get; init; }

    /// <summary><c>amount_capturable</c>: what a <c>requires_capture</c> intent may still capture.</summary>
    public long? AmountCapturable { get; init; }

    /// <summary><c>amount_received</c>: what a <c>succeeded</c> intent took.</summary>
    public long? AmountReceived { get; init; }

    /// <summary><c>latest_charge.payment_method_details.card.capture_before</c>, when the charge was expanded.</summary>
    public DateTimeOffset? CaptureBefore { get; init; }

    // Never the secret or the URL that carries it in the record's generated text.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Id = {Id}, Status = {Status}, ErrorCode = {ErrorCode}, NextActionType = {NextActionType}");
        return true;
    }
}
