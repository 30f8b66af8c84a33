using Paydesk.Application.Abstractions;
using Paydesk.Application.Payments;

namespace Paydesk.Application.Exports;

/// <summary>
/// Every payment a <see cref="PaymentSearch"/> matches, oldest first, as CSV (the columns of
/// <see cref="PaymentCsvColumns"/>, written as <see cref="CsvFormat"/> says), read from the database
/// row by row and written as the rows come: nothing is collected in memory, so an export of any
/// size costs the same memory. The search's limit and cursor are ignored: an export is every match.
/// </summary>
public sealed class PaymentCsvExport(IPaymentExportQuery payments)
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>
    /// Checks the criteria before it writes a byte (a <see cref="FluentValidation.ValidationException"/>
    /// naming each bad parameter), then writes the header and every matching payment to <paramref name="output"/>.
    /// </summary>
    public async Task WriteAsync(PaymentSearch criteria, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(output);
        var filter = PaymentSearchCriteria.ToFilter(criteria);

        await using var csv = CsvFormat.Create(output);
        await CsvFormat.WriteHeaderAsync(csv, PaymentCsvColumns.Names, cancellationToken);
        await foreach (var payment in payments.StreamAsync(filter, cancellationToken))
        {
            PaymentCsvColumns.Write(csv, payment);
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}
