using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Paydesk.Domain.Webhooks;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.Tests.Messaging;

/// <summary>
/// The relay's claim runs in a <see cref="ResilientTransaction"/>. PostgreSQL runs it under a retrying
/// execution strategy (SQLite has none): a transient failure rolls the attempt back and runs it whole again.
/// </summary>
public sealed class PostgresResilientTransactionTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Work_that_fails_transiently_once_is_run_again_in_a_new_transaction_and_commits_once()
    {
        await using var services = InProcessRelayTests.Services(fixture.Database);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaydeskDbContext>();
        var id = $"resilient-{Guid.NewGuid():N}";
        var attempts = 0;

        var result = await ResilientTransaction.ExecuteAsync(
            db,
            async ct =>
            {
                attempts++;
                db.ChangeTracker.Clear();
                db.ReceivedGatewayEvents.Add(ReceivedGatewayEvent.Record(id, "resilient.test", TestData.Noon));
                await db.SaveChangesAsync(ct);

                // Written, not committed: only a rollback lets the second attempt write the same key.
                return attempts == 1 ? throw new NpgsqlException("Simulated broken connection.", new TimeoutException()) : attempts;
            },
            CancellationToken.None);

        Assert.Equal(2, result);
        await using var check = fixture.Database.CreateContext();
        Assert.Equal(1, await check.ReceivedGatewayEvents.CountAsync(e => e.Id == id));
    }
}
