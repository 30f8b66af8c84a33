using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Application.Reconciliation;
using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Infrastructure.Repositories;

namespace Paydesk.Infrastructure.Tests.Payments;

/// <summary>
/// Reconciliation asks about payments waiting for their payer, on its schedule, and cancels those
/// left waiting past the action timeout, once, however many instances run.
/// </summary>
public abstract class RequiresActionReconciliationTests(DatabaseFixture fixture)
{
    private static readonly TimeSpan ActionTimeout = TimeSpan.FromHours(1);
    private static readonly ReconciliationSchedule Schedule = new(TimeSpan.Zero, TimeSpan.FromMinutes(5), MaxChecks: 5, BatchSize: 10000) { ActionTimeout = ActionTimeout };

    // A round may also check payments other tests left in the database: each test looks only at its own.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_waiting_payment_whose_webhook_was_lost_is_settled_by_its_look_up()
    {
        var payment = await WaitingPaymentAsync(age: TimeSpan.FromMinutes(10));
        var gateway = new ThreeDSecureGateway { LookUp = GatewayChargeStatus.Succeeded };

        await RoundAsync(gateway);

        var stored = await LoadAsync(payment.Id);
        Assert.Equal(PaymentStatus.Succeeded, stored.Status);
        Assert.Null(stored.ClientSecret);
        Assert.DoesNotContain(gateway.Cancels, c => c.PaymentId == payment.Id);
    }

    [Fact]
    public async Task A_waiting_payment_past_the_action_timeout_is_canceled_once_under_its_derived_key_and_fails_as_abandoned()
    {
        var payment = await WaitingPaymentAsync(age: ActionTimeout + TimeSpan.FromMinutes(1));
        var gateway = new ThreeDSecureGateway();

        await RoundAsync(gateway);
        await RoundAsync(gateway);

        var cancel = Assert.Single(gateway.Cancels, c => c.PaymentId == payment.Id);
        Assert.Equal($"cancel_{payment.Id.Value:N}", cancel.Key);
        var stored = await LoadAsync(payment.Id);
        Assert.Equal(PaymentStatus.Failed, stored.Status);
        Assert.Equal(GatewayChargeOutcome.AbandonedCode, stored.FailureCode);
        Assert.Null(stored.NextAction);
        Assert.Null(stored.ClientSecret);
    }

    [Fact]
    public async Task A_payer_who_authenticated_just_before_the_cancel_keeps_the_success()
    {
        var payment = await WaitingPaymentAsync(age: ActionTimeout + TimeSpan.FromMinutes(1));
        var gateway = new ThreeDSecureGateway { CancelAnswer = GatewayChargeStatus.Succeeded };

        await RoundAsync(gateway);

        Assert.Equal(PaymentStatus.Succeeded, (await LoadAsync(payment.Id)).Status);
    }

    [Fact]
    public async Task A_waiting_payment_is_checked_again_when_it_times_out_if_that_comes_before_the_interval()
    {
        var payment = await WaitingPaymentAsync(age: ActionTimeout - TimeSpan.FromMinutes(2));
        var gateway = new ThreeDSecureGateway { LookUp = GatewayChargeStatus.RequiresAction };

        await RoundAsync(gateway);

        var stored = await LoadAsync(payment.Id);
        Assert.Equal(PaymentStatus.RequiresAction, stored.Status);
        Assert.Equal(stored.CreatedAt + ActionTimeout, stored.NextReconcileAt);
        Assert.DoesNotContain(gateway.Cancels, c => c.PaymentId == payment.Id);
    }

    private async Task<Payment> WaitingPaymentAsync(TimeSpan age)
    {
        var user = TestData.User(at: _clock.GetUtcNow() - age);
        var id = PaymentId.New();
        var payment = Payment.Create(
            id, user.Id, Money.Positive(1500, Currency.FromCode("EUR")),
            new ChargeMethod("pm_card_authenticationRequired", null, OffSession: false, "https://shop.example/done"),
            "3DS order", $"charge_{id.Value:N}", _clock.GetUtcNow() - age);
        payment.Apply(
            GatewayChargeOutcome.ActionRequired($"pi_{id.Value:N}", new PaymentNextAction(PaymentNextAction.RedirectToUrl, "https://gateway.example/3ds"), $"pi_{id.Value:N}_secret_x"),
            _clock.GetUtcNow() - age,
            OutcomeRule.Strict);
        await using var seed = fixture.Database.CreateContext();
        new UserRepository(seed).Add(user);
        new PaymentRepository(seed).Add(payment);
        await UnitOfWorks.For(seed).SaveChangesAsync(CancellationToken.None);
        return payment;
    }

    private async Task RoundAsync(IPaymentGateway gateway)
    {
        await using var db = fixture.Database.CreateContext();
        var handler = new ReconcilePaymentsHandler(
            new PaymentRepository(db), new IdempotencyRecordRepository(db), UnitOfWorks.For(db), gateway, new ChangeOrigin(), _clock, NullLogger<ReconcilePaymentsHandler>.Instance);
        await handler.RunAsync(Schedule, CancellationToken.None);
    }

    private async Task<Payment> LoadAsync(PaymentId id)
    {
        await using var db = fixture.Database.CreateContext();
        return (await new PaymentRepository(db).GetByIdReadOnlyAsync(id, CancellationToken.None))!;
    }

    /// <summary>Answers look-ups with <see cref="LookUp"/> and cancels with <see cref="CancelAnswer"/>, recording each cancel.</summary>
    private sealed class ThreeDSecureGateway : IPaymentGateway
    {
        public GatewayChargeStatus LookUp { get; init; } = GatewayChargeStatus.RequiresAction;

        public GatewayChargeStatus CancelAnswer { get; init; } = GatewayChargeStatus.Failed;

        public ConcurrentQueue<(PaymentId PaymentId, string Key)> Cancels { get; } = new();

        public Task<GatewayChargeOutcome> ChargeAsync(GatewayChargeRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<GatewayRefundOutcome> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<GatewayChargeOutcome?> LookUpChargeAsync(GatewayChargeRequest request, string? reference, CancellationToken cancellationToken) =>
            Task.FromResult<GatewayChargeOutcome?>(LookUp == GatewayChargeStatus.RequiresAction
                ? GatewayChargeOutcome.ActionRequired(reference!, null, null)
                : new GatewayChargeOutcome(LookUp, reference));

        public Task<GatewayChargeOutcome> CaptureAsync(GatewayChargeRequest request, string reference, long amount, CancellationToken cancellationToken) =>
            throw new NotSupportedException("These tests do not capture.");

        public Task<GatewayChargeOutcome> CancelOnRequestAsync(GatewayChargeRequest request, string reference, CancellationToken cancellationToken) =>
            throw new NotSupportedException("These tests do not cancel on request.");

        public Task<GatewayChargeOutcome> CancelAsync(GatewayChargeRequest request, string reference, CancellationToken cancellationToken)
        {
            Cancels.Enqueue((request.PaymentId, request.CancelIdempotencyKey));
            return Task.FromResult(CancelAnswer == GatewayChargeStatus.Failed
                ? new GatewayChargeOutcome(GatewayChargeStatus.Failed, reference, GatewayChargeOutcome.AbandonedCode, GatewayChargeOutcome.AbandonedMessage)
                : new GatewayChargeOutcome(CancelAnswer, reference));
        }

        public Task<GatewayRefundOutcome?> LookUpRefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}

public sealed class SqliteRequiresActionReconciliationTests(SqliteFixture fixture) : RequiresActionReconciliationTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresRequiresActionReconciliationTests(PostgresFixture fixture) : RequiresActionReconciliationTests(fixture), IClassFixture<PostgresFixture>;
