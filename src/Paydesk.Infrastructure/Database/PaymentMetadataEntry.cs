using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Infrastructure.Database;

/// <summary>
/// One key of a payment's metadata, as a row, so that payments can be found by one key's value
/// through an ordinary index on both providers. Written with the payment and never changed: a
/// payment's metadata is fixed at creation. The payment's own column is what is read back.
/// </summary>
internal sealed class PaymentMetadataEntry
{
    public PaymentMetadataEntry(PaymentId paymentId, string key, string value)
    {
        PaymentId = paymentId;
        Key = key;
        Value = value;
    }

    public PaymentId PaymentId { get; private set; }

    public string Key { get; private set; }

    public string Value { get; private set; }

    public static IEnumerable<PaymentMetadataEntry> Of(Payment payment) =>
        payment.Metadata.Entries.Select(e => new PaymentMetadataEntry(payment.Id, e.Key, e.Value));
}
