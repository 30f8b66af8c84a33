using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Infrastructure.Database.Converters;

// How the domain's value objects are stored: ids as UUIDs, the rest as plain text or numbers.

internal sealed class UserIdConverter() : ValueConverter<UserId, Guid>(id => id.Value, value => new UserId(value));

internal sealed class PaymentIdConverter() : ValueConverter<PaymentId, Guid>(id => id.Value, value => new PaymentId(value));

internal sealed class RefundIdConverter() : ValueConverter<RefundId, Guid>(id => id.Value, value => new RefundId(value));

internal sealed class CurrencyConverter() : ValueConverter<Currency, string>(currency => currency.Code, code => Currency.FromCode(code));

internal sealed class EmailConverter() : ValueConverter<Email, string>(email => email.Value, value => Email.Create(value));

internal sealed class PaymentStatusConverter() : ValueConverter<PaymentStatus, string>(status => status.ToName(), name => StatusNames.ParsePaymentStatus(name));

internal sealed class RefundStatusConverter() : ValueConverter<RefundStatus, string>(status => status.ToName(), name => StatusNames.ParseRefundStatus(name));

internal sealed class UnixMicrosecondsConverter() : ValueConverter<DateTimeOffset, long>(
    value => (value.UtcTicks - UnixEpochTicks) / 10,
    micros => new DateTimeOffset(UnixEpochTicks + (micros * 10), TimeSpan.Zero))
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;
}

/// <summary>Metadata as a JSON object in key order; what the index table holds for payments is derived from it.</summary>
internal sealed class MetadataConverter() : ValueConverter<Metadata, string>(metadata => MetadataJson.Write(metadata), json => MetadataJson.Read(json));
