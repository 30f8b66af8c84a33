using Paydesk.Domain.Payments;

namespace Paydesk.Application.Abstractions;

/// <summary>A read model over payments for exports: rows streamed from the database, never collected in memory.</summary>
public interface IPaymentExportQuery
{
    /// <summary>Every payment that matches <paramref name="filter"/>, oldest first (by creation time, then id), read as it is enumerated.</summary>
    IAsyncEnumerable<PaymentExportRow> StreamAsync(PaymentFilter filter, CancellationToken cancellationToken);
}

/// <summary>
/// One payment as an export has it. Amounts are minor units of <see cref="Currency"/>; the status is
/// its API name; <see cref="MetadataJson"/> is the payment's metadata as stored, a JSON object in key order.
/// </summary>
public sealed record PaymentExportRow(
    Guid Id,
    DateTimeOffset CreatedAt,
    Guid UserId,
    long Amount,
    string Currency,
    string Status,
    long AmountRefunded,
    string? GatewayReference,
    long AmountDisputed,
    string MetadataJson,
    string? Description);
