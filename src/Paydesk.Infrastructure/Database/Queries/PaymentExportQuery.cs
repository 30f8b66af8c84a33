using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Payments;
using Paydesk.Infrastructure.Repositories;

namespace Paydesk.Infrastructure.Database.Queries;

/// <summary>
/// The payments export, read with a plain data reader. EF Core buffers every row of a query in
/// memory before the first one is returned when the execution strategy retries on failure (so that
/// it can retry), as PostgreSQL's does here; an export must stream, so EF only writes the SQL (the
/// search's filters, with their indexes) and the rows are read here one at a time. A failure once
/// rows have been written cannot be retried without repeating them, so only the opening is retried.
/// </summary>
internal sealed class PaymentExportQuery(PaydeskDbContext db) : IPaymentExportQuery
{
    public async IAsyncEnumerable<PaymentExportRow> StreamAsync(PaymentFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = PaymentSearchQuery.Matching(db, filter)
            .OrderBy(p => p.CreatedAt)
            .ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.CreatedAt, p.UserId, p.Amount, p.Currency, p.Status, p.AmountRefunded, p.GatewayReference, p.AmountDisputed, p.Metadata, p.Description });
        var isSqlite = db.Database.IsSqlite();
        var connection = db.Database.GetDbConnection();
        var openedHere = connection.State != ConnectionState.Open;
        await using var command = query.CreateDbCommand();
        try
        {
            var reader = await db.Database.CreateExecutionStrategy().ExecuteAsync(
                command,
                async (_, cmd, ct) =>
                {
                    if (cmd.Connection!.State != ConnectionState.Open)
                    {
                        await cmd.Connection.OpenAsync(ct);
                    }

                    return await cmd.ExecuteReaderAsync(ct);
                },
                null,
                cancellationToken);
            await using (reader)
            {
                var columns = new Columns(reader);
                while (await reader.ReadAsync(cancellationToken))
                {
                    yield return columns.Read(reader, isSqlite);
                }
            }
        }
        finally
        {
            if (openedHere)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static DateTimeOffset FromUnixMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    /// <summary>
    /// Where each column is in the answer, found by name: EF names a projected column after the
    /// member it fills where that differs from the column's own name (both readers match names
    /// regardless of case), and the order of the columns is EF's to choose.
    /// </summary>
    private sealed class Columns(DbDataReader reader)
    {
        private readonly int _id = reader.GetOrdinal("Id");
        private readonly int _createdAt = reader.GetOrdinal("CreatedAt");
        private readonly int _userId = reader.GetOrdinal("UserId");
        private readonly int _amount = reader.GetOrdinal("Amount");
        private readonly int _currency = reader.GetOrdinal("Currency");
        private readonly int _status = reader.GetOrdinal("Status");
        private readonly int _refunded = reader.GetOrdinal("AmountRefunded");
        private readonly int _gatewayReference = reader.GetOrdinal("GatewayReference");
        private readonly int _disputed = reader.GetOrdinal("AmountDisputed");
        private readonly int _metadata = reader.GetOrdinal("Metadata");
        private readonly int _description = reader.GetOrdinal("Description");

        public PaymentExportRow Read(DbDataReader row, bool isSqlite) => new(
            row.GetGuid(_id),
            isSqlite ? FromUnixMicros(row.GetInt64(_createdAt)) : row.GetFieldValue<DateTimeOffset>(_createdAt),
            row.GetGuid(_userId),
            row.GetInt64(_amount),
            row.GetString(_currency),
            row.GetString(_status),
            row.GetInt64(_refunded),
            row.IsDBNull(_gatewayReference) ? null : row.GetString(_gatewayReference),
            row.GetInt64(_disputed),
            row.GetString(_metadata),
            row.IsDBNull(_description) ? null : row.GetString(_description));
    }
}
