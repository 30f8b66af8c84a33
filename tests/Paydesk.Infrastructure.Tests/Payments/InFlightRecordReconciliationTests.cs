using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Application.Reconciliation;
using Paydesk.Domain.Common;
using Paydesk.Domain.Idempotency;
using Paydesk.Domain.Payments;
using Paydesk.Infrastructure.Repositories;

namespace Paydesk.Infrastructure.Tests.Payments;

/// <summary>
/// A request that died between its two commits leaves its record in flight; reconciliation
/// completes it from what its payment or refund looks like now.
/// </summary>
public abstract class InFlightRecordReconciliationTests(DatabaseFixture fixture)
{
    private static readonly ReconciliationSchedule Schedule = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), MaxChecks: 5, BatchSize: 50);

    [Fact]
    public async Task A_refund_record_in_flight_is_completed_with_the_refund_found_by_its_parent_payment()
    {
        var user = TestData.User();
        var payment = TestData.SucceededPayment(user);
        var refundId = RefundId.New();
        payment.RequestRefund(refundId, 500, "Customer asked", $"refund_{refundId.Value:N}", TestData.Noon);
        var key = $"refund-{Guid.NewGuid():N}";

        // The shape the upgrade gives a record stored before it: a plain operation name, the payment in its own column.
        var record = IdempotencyRecord.Start("merchant", key, "payments.refund", "hash", refundId.Value, TestData.Noon, parentResourceId: payment.Id.Value);
        await using (var seed = fixture.Database.CreateContext())
        {
            new UserRepository(seed).Add(user);
            new PaymentRepository(seed).Add(payment);
            new IdempotencyRecordRepository(seed).Add(record);
            await UnitOfWorks.For(seed).SaveChangesAsync(CancellationToken.None);
        }

        await using var db = fixture.Database.CreateContext();
        var handler = new ReconcilePaymentsHandler(
            new PaymentRepository(db), new IdempotencyRecordRepository(db), UnitOfWorks.For(db), new PendingRefundGateway(), new ChangeOrigin(), TimeProvider.System, NullLogger<ReconcilePaymentsHandler>.Instance);

        var round = await handler.RunAsync(Schedule, CancellationToken.None);

        Assert.Equal(1, round.RecordsCompleted);
        await using var check = fixture.Database.CreateContext();
        var completed = await new IdempotencyRecordRepository(check).FindAsync("merchant", key, CancellationToken.None);
        Assert.Equal("Pending", completed!.Outcome);
        using var body = JsonDocument.Parse(completed.ResponseBody!);
        Assert.Equal(refundId.Value, body.RootElement.GetProperty("id").GetGuid());
        Assert.Equal(payment.Id.Value, body.RootElement.GetProperty("paymentId").GetGuid());
        Assert.Equal("pending", body.RootElement.GetProperty("status").GetString());
    }

    /// <summary>Knows every refund as still pending at the gateway.</summary>
    private sealed class PendingRefundGateway : IPaymentGateway
    {
        public Task<GatewayChargeOutcome> ChargeAsync(GatewayChargeRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

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
            Task.FromResult<GatewayRefundOutcome?>(new GatewayRefundOutcome(GatewayRefundStatus.Pending, $"re_{request.RefundId.Value:N}"));
    }
}

public sealed class SqliteInFlightRecordReconciliationTests(SqliteFixture fixture) : InFlightRecordReconciliationTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresInFlightRecordReconciliationTests(PostgresFixture fixture) : InFlightRecordReconciliationTests(fixture), IClassFixture<PostgresFixture>;
