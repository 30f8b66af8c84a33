using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.Repositories;
using Paydesk.TestSupport;

namespace Paydesk.Infrastructure.Tests.Repositories;

/// <summary>
/// Each filter of the payments search seeks an index, on each database: the plan the database
/// chooses for the query the search sends (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL)
/// reads no table from end to end. PostgreSQL prefers a sequential scan of a small table whatever
/// its indexes, so there sequential scans are priced out first (enable_seqscan off): a plan that
/// still scans has no index to use.
/// </summary>
public abstract class PaymentSearchQueryPlanTests(DatabaseFixture fixture)
{
    private static readonly PaymentPagePosition After = new(TestData.Noon, PaymentId.New());

    public static TheoryData<string> Filters => new() { "status", "currency", "userId", "created range", "created from", "metadata", "status and currency", "every filter" };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task A_search_page_seeks_an_index(string filter)
    {
        await using var db = fixture.Database.CreateContext();

        var plan = await PlanAsync(db, PaymentSearchQuery.Page(db, Filter(filter), null, 21));
        var nextPlan = await PlanAsync(db, PaymentSearchQuery.Page(db, Filter(filter), After, 21));

        AssertNoFullScan(plan);
        AssertNoFullScan(nextPlan);
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_export_of_a_filter_seeks_an_index(string filter)
    {
        await using var db = fixture.Database.CreateContext();

        var plan = await PlanAsync(db, PaymentSearchQuery.Matching(db, Filter(filter)).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id));

        AssertNoFullScan(plan);
    }

    [Fact]
    public async Task Without_the_indexes_the_check_sees_a_full_scan()
    {
        // The check itself can fail: a filter on a column no index starts with is a full scan.
        await using var db = fixture.Database.CreateContext();

        var plan = await PlanAsync(db, db.Payments.Where(p => p.Amount == 1500));

        Assert.Throws<Xunit.Sdk.TrueException>(() => AssertNoFullScan(plan));
    }

    private static PaymentFilter Filter(string name) => name switch
    {
        "status" => new PaymentFilter { Status = PaymentStatus.Failed },
        "currency" => new PaymentFilter { Currency = Currency.FromCode("JPY") },
        "userId" => new PaymentFilter { UserId = UserId.New() },
        "created range" => new PaymentFilter { CreatedFrom = TestData.Noon.AddDays(-1), CreatedTo = TestData.Noon },
        "created from" => new PaymentFilter { CreatedFrom = TestData.Noon.AddDays(-1) },
        "metadata" => new PaymentFilter { Metadata = [new("order_id", "A-1001")] },
        "status and currency" => new PaymentFilter { Status = PaymentStatus.Succeeded, Currency = Currency.FromCode("USD") },
        "every filter" => new PaymentFilter
        {
            Status = PaymentStatus.Succeeded,
            Currency = Currency.FromCode("USD"),
            UserId = UserId.New(),
            CreatedFrom = TestData.Noon.AddDays(-1),
            CreatedTo = TestData.Noon,
            Metadata = [new("order_id", "A-1001"), new("channel", "web")],
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown filter."),
    };

    private void AssertNoFullScan(IReadOnlyList<string> plan)
    {
        var text = string.Join("\n", plan);
        var scans = fixture.Database.Provider == DatabaseProvider.Sqlite
            // "SCAN p" reads the table; "SCAN p USING INDEX" reads a whole index, no better.
            ? plan.Where(line => line.StartsWith("SCAN ", StringComparison.Ordinal))
            : plan.Where(line => line.Contains("Seq Scan", StringComparison.Ordinal));
        Assert.True(!scans.Any(), $"The plan scans a whole table:\n{text}");
    }

    private static async Task<IReadOnlyList<string>> PlanAsync<T>(PaydeskDbContext db, IQueryable<T> query)
    {
        var isSqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync();
        if (!isSqlite)
        {
            await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
        }

        await using DbCommand command = query.CreateDbCommand();
#pragma warning disable CA2100 // The SQL is EF Core's, its values parameters.
        command.CommandText = (isSqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + command.CommandText;
#pragma warning restore CA2100
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // SQLite: id, parent, notused, detail; PostgreSQL: one line of text per row.
            lines.Add((isSqlite ? reader.GetString(3) : reader.GetString(0)).Trim());
        }

        return lines;
    }
}

public sealed class SqlitePaymentSearchQueryPlanTests(SqliteFixture fixture) : PaymentSearchQueryPlanTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresPaymentSearchQueryPlanTests(PostgresFixture fixture) : PaymentSearchQueryPlanTests(fixture), IClassFixture<PostgresFixture>;
