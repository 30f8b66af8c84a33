using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Application.PaymentMethods;
using Paydesk.Application.Payments;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.Repositories;

namespace Paydesk.Infrastructure.Tests.Payments;

/// <summary>
/// A charge's second commit (outcome and stored answer) races whatever else changes the payment
/// while the gateway is asked: reconciliation claiming it for a check, a webhook settling it. The
/// other change commits, through its own context, exactly between the charge's two commits.
/// </summary>
public abstract class ChargeCommitRaceTests(DatabaseFixture fixture)
{
    private const string Scope = "merchant-race";

    [Fact]
    public async Task A_reconciliation_claim_between_the_two_commits_still_gets_the_charge_its_outcome()
    {
        var gateway = new RacingGateway(new GatewayChargeOutcome(GatewayChargeStatus.Succeeded, $"pi_{Guid.NewGuid():N}"), ClaimForReconciliationAsync);

        var key = NewKey();
        var result = await ChargeAsync(gateway, key);

        Assert.Equal(RequestOutcome.Completed, result.Outcome);
        Assert.Equal("succeeded", result.Payment.Status);
        Assert.True(gateway.RaceRan);
        await AssertStoredAsync(key, result, PaymentStatus.Succeeded);
    }

    [Fact]
    public async Task A_reconciliation_claim_while_the_answer_is_unknown_answers_pending_and_completes_the_record()
    {
        var gateway = new RacingGateway(null, ClaimForReconciliationAsync);

        var key = NewKey();
        var result = await ChargeAsync(gateway, key);

        Assert.Equal(RequestOutcome.Pending, result.Outcome);
        Assert.Equal("pending", result.Payment.Status);
        await AssertStoredAsync(key, result, PaymentStatus.Pending);
    }

    [Fact]
    public async Task A_webhook_settling_the_payment_between_the_two_commits_is_not_applied_twice()
    {
        var outcome = new GatewayChargeOutcome(GatewayChargeStatus.Succeeded, $"pi_{Guid.NewGuid():N}");
        var gateway = new RacingGateway(outcome, (db, payment) =>
        {
            payment.Apply(outcome, TestData.Noon.AddSeconds(1), OutcomeRule.IfAllowed);
            return Task.CompletedTask;
        });

        var key = NewKey();
        var result = await ChargeAsync(gateway, key);

        Assert.Equal(RequestOutcome.Completed, result.Outcome);
        Assert.Equal("succeeded", result.Payment.Status);
        await AssertStoredAsync(key, result, PaymentStatus.Succeeded);
        await using var db = fixture.Database.CreateContext();
        var subject = new PaymentId(result.Payment.Id).ToString();
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.EventType == "payment.succeeded" && m.Subject == subject));
    }

    private static Task ClaimForReconciliationAsync(PaydeskDbContext db, Payment payment)
    {
        payment.ClaimReconciliation(TestData.Noon.AddMinutes(1));
        return Task.CompletedTask;
    }

    private static string NewKey() => $"race-{Guid.NewGuid():N}";

    private async Task<CreatePaymentResult> ChargeAsync(RacingGateway gateway, string key)
    {
        gateway.Database = fixture.Database;
        var user = TestData.User();
        await using (var seed = fixture.Database.CreateContext())
        {
            new UserRepository(seed).Add(user);
            await UnitOfWorks.For(seed).SaveChangesAsync(CancellationToken.None);
        }

        await using var db = fixture.Database.CreateContext();
        // The framework's own meter factory: real meters, this test's own, that nobody listens to.
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var handler = new CreatePaymentHandler(
            new PaymentRepository(db),
            new IdempotencyRecordRepository(db),
            UnitOfWorks.For(db),
            gateway,
            new ChargeMethodResolver(new UserRepository(db), new SavedPaymentMethodRepository(db)),
            new CreatePaymentValidator(),
            TimeProvider.System,
            new PaydeskTelemetry(meters),
            NullLogger<CreatePaymentHandler>.Instance);
        return await handler.HandleAsync(new CreatePaymentCommand(user.Id.Value, 1500, "USD", "pm_card_visa", "Race"), new IdempotencyContext(Scope, key), CancellationToken.None);
    }

    private async Task AssertStoredAsync(string key, CreatePaymentResult result, PaymentStatus status)
    {
        await using var db = fixture.Database.CreateContext();
        var record = await new IdempotencyRecordRepository(db).FindAsync(Scope, key, CancellationToken.None);
        Assert.NotNull(record);
        Assert.True(record.IsCompleted);
        Assert.Equal(result.Outcome.ToString(), record.Outcome);
        var payment = await new PaymentRepository(db).GetByIdAsync(new(result.Payment.Id), CancellationToken.None);
        Assert.Equal(status, payment!.Status);
    }

    /// <summary>Answers a charge after another request changed its payment through a context of its own.</summary>
    private sealed class RacingGateway(GatewayChargeOutcome? outcome, Func<PaydeskDbContext, Payment, Task> race) : IPaymentGateway
    {
        public TestSupport.TestDatabase Database { get; set; } = null!;

        public bool RaceRan { get; private set; }

        public async Task<GatewayChargeOutcome> ChargeAsync(GatewayChargeRequest request, CancellationToken cancellationToken)
        {
            await using (var other = Database.CreateContext())
            {
                var payment = await new PaymentRepository(other).GetByIdAsync(request.PaymentId, cancellationToken);
                await race(other, payment!);
                await UnitOfWorks.For(other).SaveChangesAsync(cancellationToken);
                RaceRan = true;
            }

            return outcome ?? throw new PaymentGatewayUnavailableException();
        }

        public Task<GatewayRefundOutcome> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<GatewayChargeOutcome?> LookUpChargeAsync(GatewayChargeRequest request, string? reference, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<GatewayChargeOutcome> CaptureAsync(GatewayChargeRequest request, string reference, long amount, CancellationToken cancellationToken) =>
            throw new NotSupportedException("These tests do not capture.");

        public Task<GatewayChargeOutcome> CancelOnRequestAsync(GatewayChargeRequest request, string reference, CancellationToken cancellationToken) =>
            throw new NotSupportedException("These tests do not cancel on request.");

        public Task<GatewayChargeOutcome> CancelAsync(GatewayChargeRequest request, string reference, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<GatewayRefundOutcome?> LookUpRefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}

public sealed class SqliteChargeCommitRaceTests(SqliteFixture fixture) : ChargeCommitRaceTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresChargeCommitRaceTests(PostgresFixture fixture) : ChargeCommitRaceTests(fixture), IClassFixture<PostgresFixture>;
