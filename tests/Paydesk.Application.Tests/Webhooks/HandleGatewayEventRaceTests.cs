using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Application.PaymentMethods;
using Paydesk.Application.Webhooks;
using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Domain.PaymentMethods;
using Paydesk.Domain.Users;
using Paydesk.Domain.Webhooks;

namespace Paydesk.Application.Tests.Webhooks;

/// <summary>
/// A webhook that loses the race for its payment to another writer (reconciliation, a charge's
/// second commit, or the same event delivered to another instance) applies the event afresh
/// instead of failing with a conflict.
/// </summary>
public sealed class HandleGatewayEventRaceTests
{
    private const string EventId = "evt_race";

    private readonly FakeTimeProvider _clock = new(Times.Start);
    private readonly InMemoryPaymentRepository _payments = new();
    private readonly InMemoryReceivedEvents _received = new();
    private readonly Payment _payment;
    private readonly FakeUnitOfWork _unitOfWork;

    public HandleGatewayEventRaceTests()
    {
        _payment = Payment.Create(PaymentId.New(), UserId.New(), Money.Positive(1500, Currency.FromCode("USD")), "pm_card_visa", null, "charge_race", Times.Start);
        _payments.Seed(_payment);
        _unitOfWork = new FakeUnitOfWork(_payments, _received);
    }

    [Fact]
    public async Task An_event_whose_commit_loses_to_another_writer_of_the_payment_is_applied_on_a_fresh_attempt()
    {
        _unitOfWork.FailSave = save => save == 1 ? Conflict() : null;

        var outcome = await Handler().HandleAsync("{}", "signature", CancellationToken.None);

        Assert.Equal(GatewayEventOutcome.Applied, outcome);
        Assert.Equal(PaymentStatus.Succeeded, _payment.Status);
        Assert.Equal(EventId, Assert.Single(_received.Stored).Id);
        Assert.Equal(2, _unitOfWork.SaveCount);
    }

    [Fact]
    public async Task An_event_whose_commit_loses_to_its_twin_delivery_is_answered_as_a_duplicate()
    {
        _unitOfWork.FailSave = save =>
        {
            if (save != 1)
            {
                return null;
            }

            // The same event, delivered to another instance at once, committed first.
            _received.Seed(ReceivedGatewayEvent.Record(EventId, "payment_intent.succeeded", Times.Start));
            return Conflict();
        };

        var outcome = await Handler().HandleAsync("{}", "signature", CancellationToken.None);

        Assert.Equal(GatewayEventOutcome.Duplicate, outcome);
        Assert.Single(_received.Stored);
        Assert.Equal(1, _unitOfWork.SaveCount);
    }

    [Fact]
    public async Task An_event_that_keeps_losing_its_payment_gives_up_with_the_conflict()
    {
        _unitOfWork.FailSave = _ => Conflict();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Handler().HandleAsync("{}", "signature", CancellationToken.None));

        Assert.Equal(HandleGatewayEventHandler.ApplyAttempts, _unitOfWork.SaveCount);
        Assert.Empty(_received.Stored);
    }

    private static ConcurrencyConflictException Conflict() => new("The payment was changed by another writer.", new InvalidOperationException());

    private HandleGatewayEventHandler Handler()
    {
        var succeeded = new GatewayChargeOutcome(GatewayChargeStatus.Succeeded, "ch_race");
        var gatewayEvent = new GatewayEvent(EventId, "payment_intent.succeeded", [new GatewayStateChange(_payment.Id.Value, succeeded)]);
        var setups = new SaveSetupPaymentMethod(
            new InMemoryUserRepository(),
            new NoPaymentMethodGateway(),
            new SavedMethods(new InMemorySavedPaymentMethodRepository(), _clock),
            NullLogger<SaveSetupPaymentMethod>.Instance);
        return new HandleGatewayEventHandler(
            new FixedEventReader(gatewayEvent),
            _payments,
            _received,
            setups,
            _unitOfWork,
            new ChangeOrigin(),
            _clock,
            TestTelemetry.Create(),
            NullLogger<HandleGatewayEventHandler>.Instance);
    }

    private sealed class FixedEventReader(GatewayEvent gatewayEvent) : IGatewayEventReader
    {
        public GatewayEvent Read(string payload, string? signatureHeader) => gatewayEvent;
    }

    private sealed class InMemoryReceivedEvents : IReceivedGatewayEventRepository, IStagedRepository
    {
        private readonly List<ReceivedGatewayEvent> _stored = [];
        private readonly List<ReceivedGatewayEvent> _staged = [];

        public IReadOnlyList<ReceivedGatewayEvent> Stored => _stored;

        public void Seed(ReceivedGatewayEvent gatewayEvent) => _stored.Add(gatewayEvent);

        public void Add(ReceivedGatewayEvent gatewayEvent) => _staged.Add(gatewayEvent);

        public Task<bool> ExistsAsync(string id, CancellationToken cancellationToken) =>
            Task.FromResult(_stored.Exists(e => e.Id == id));

        public Exception? Check() => null;

        public void Commit()
        {
            _stored.AddRange(_staged);
            _staged.Clear();
        }

        public void Discard() => _staged.Clear();
    }

    private sealed class NoPaymentMethodGateway : IPaymentMethodGateway
    {
        public Task<string> EnsureCustomerAsync(GatewayCustomerRequest request, CancellationToken cancellationToken) => throw Unused();

        public Task<GatewaySetup> CreateSetupAsync(GatewaySetupRequest request, CancellationToken cancellationToken) => throw Unused();

        public Task<GatewaySetup?> GetSetupAsync(string setupId, CancellationToken cancellationToken) => throw Unused();

        public Task<GatewayPaymentMethod> AttachAsync(string paymentMethod, string customerId, string idempotencyKey, CancellationToken cancellationToken) => throw Unused();

        public Task<GatewayPaymentMethod?> GetPaymentMethodAsync(string paymentMethod, CancellationToken cancellationToken) => throw Unused();

        public Task DetachAsync(string paymentMethod, CancellationToken cancellationToken) => throw Unused();

        private static NotSupportedException Unused() => new("A payment event saves no payment method.");
    }
}
