using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Paydesk.Application.Abstractions;

namespace Paydesk.Infrastructure.Database.Queries;

/// <summary>
/// The daily totals report in hand-written SQL, one statement per provider: one pass over the
/// day range of payments and of refunds, grouped in the database, never loaded into memory.
/// </summary>
internal sealed class DailyTotalsQuery(PaydeskDbContext db) : IDailyTotalsQuery
{
    // Charges count on the day they were made; a manual capture on the day it was captured (an
    // authorization not captured is no money, so neither succeeded nor gross). A payment that later got refunded still counts as
    // succeeded and gross; its refunds count on the day each refund succeeded.
    // Disputes count on the day they opened; the funds they took and did not give back are lost
    // on the day they were withdrawn, and net is what remains after refunds and lost disputes.
    private const string Template = """
        SELECT day, currency,
               SUM(succeeded_count) AS succeeded_count,
               SUM(failed_count) AS failed_count,
               SUM(gross_amount) AS gross_amount,
               SUM(refunded_amount) AS refunded_amount,
               SUM(disputed_amount) AS disputed_amount,
               SUM(lost_amount) AS lost_amount
        FROM (
            SELECT {0} AS day, p.currency,
                   CASE WHEN p.status IN ('succeeded', 'partially_refunded', 'refunded') THEN 1 ELSE 0 END AS succeeded_count,
                   CASE WHEN p.status = 'failed' THEN 1 ELSE 0 END AS failed_count,
                   CASE WHEN p.status IN ('succeeded', 'partially_refunded', 'refunded') THEN p.amount ELSE 0 END AS gross_amount,
                   0 AS refunded_amount,
                   0 AS disputed_amount, 0 AS lost_amount
            FROM payments p
            WHERE COALESCE(p.captured_at, p.created_at) >= @from AND COALESCE(p.captured_at, p.created_at) < @to
            UNION ALL
            SELECT {1} AS day, p.currency, 0, 0, 0, r.amount, 0, 0
            FROM refunds r
            JOIN payments p ON p.id = r.payment_id
            WHERE r.status = 'succeeded' AND r.created_at >= @from AND r.created_at < @to
            UNION ALL
            SELECT {2} AS day, d.currency, 0, 0, 0, 0, d.amount, 0
            FROM disputes d
            WHERE d.opened_at >= @from AND d.opened_at < @to
            UNION ALL
            SELECT {3} AS day, d.currency, 0, 0, 0, 0, 0, d.funds_withdrawn - d.funds_reinstated
            FROM disputes d
            WHERE d.funds_withdrawn_at >= @from AND d.funds_withdrawn_at < @to
        ) t
        GROUP BY day, currency
        ORDER BY day, currency
        """;

    private static readonly string SqliteSql = string.Format(
        CultureInfo.InvariantCulture,
        Template,
        "date(COALESCE(p.captured_at, p.created_at) / 1000000, 'unixepoch')",
        "date(r.created_at / 1000000, 'unixepoch')",
        "date(d.opened_at / 1000000, 'unixepoch')",
        "date(d.funds_withdrawn_at / 1000000, 'unixepoch')");

    private static readonly string PostgresSql = string.Format(
        CultureInfo.InvariantCulture,
        Template,
        "to_char(COALESCE(p.captured_at, p.created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
        "to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
        "to_char(d.opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
        "to_char(d.funds_withdrawn_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')");

    // Hand-written SQL does not pass through EF Core's execution strategy by itself: run it in one,
    // so that it is retried and classified (a database that is down) as every other read is.
    public Task<IReadOnlyList<DailyTotal>> GetAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync((from, to), (range, ct) => ReadAsync(range.from, range.to, ct), cancellationToken);

    private async Task<IReadOnlyList<DailyTotal>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var isSqlite = db.Database.IsSqlite();

        var connection = db.Database.GetDbConnection();
        var openedHere = connection.State != System.Data.ConnectionState.Open;
        if (openedHere)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is one of two constants; the values travel as parameters.
            command.CommandText = isSqlite ? SqliteSql : PostgresSql;
#pragma warning restore CA2100
            AddParameter(command, "@from", isSqlite ? ToUnixMicros(start) : start);
            AddParameter(command, "@to", isSqlite ? ToUnixMicros(end) : end);

            var rows = new List<DailyTotal>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var gross = reader.GetInt64(4);
                var refunded = reader.GetInt64(5);
                var lost = reader.GetInt64(7);
                rows.Add(new DailyTotal(
                    DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    reader.GetString(1),
                    reader.GetInt64(2),
                    reader.GetInt64(3),
                    gross,
                    refunded,
                    gross - refunded - lost,
                    reader.GetInt64(6),
                    lost));
            }

            return rows;
        }
        finally
        {
            if (openedHere)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static long ToUnixMicros(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
