using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Paydesk.Infrastructure.Database;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.BadInput;

/// <summary>A service with one user and one succeeded payment, so bad input can aim at real ids.</summary>
public abstract class BadInputFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly string[] Tables = ["users", "payments", "refunds", "idempotency_records"];

    public TestDatabase Database { get; private set; } = null!;

    public PaydeskApiFactory Factory { get; private set; } = null!;

    public string UserId { get; private set; } = null!;

    public string PaymentId { get; private set; } = null!;

    /// <summary>The seeded payment's amount: a refund above it is refused.</summary>
    public long PaymentAmount { get; } = 1500;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        Factory = new PaydeskApiFactory(Database);
        using var client = Factory.CreateClientWithKey();
        UserId = (await client.RegisterUserAsync()).Id();
        PaymentId = (await client.ChargedPaymentAsync(UserId, PaymentAmount)).Id();
    }

    /// <summary>The row count of every table that holds caller data, in a fixed order.</summary>
    public async Task<long[]> CountRowsAsync()
    {
        await using var db = Database.CreateContext();
        var connection = (DbConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        var counts = new long[Tables.Length];
        for (var i = 0; i < Tables.Length; i++)
        {
            await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The table names are the constants above.
            command.CommandText = $"SELECT COUNT(*) FROM {Tables[i]}";
#pragma warning restore CA2100
            counts[i] = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        return counts;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class SqliteBadInputFixture() : BadInputFixture(DatabaseProvider.Sqlite);

public sealed class PostgresBadInputFixture() : BadInputFixture(DatabaseProvider.Postgres);
