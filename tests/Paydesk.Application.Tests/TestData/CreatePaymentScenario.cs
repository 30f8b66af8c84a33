using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Paydesk.Application.Common;
using Paydesk.Application.PaymentMethods;
using Paydesk.Application.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Tests;

/// <summary>One CreatePaymentHandler over its own in-memory stores, gateway and clock.</summary>
internal sealed class CreatePaymentScenario
{
    public const string Scope = "merchant-a";
    public const string Key = "7d6c3a0e-key-1";

    public CreatePaymentScenario(User? user = null)
    {
        Customer = user ?? Users.Alice();
        UserRepository.Seed(Customer);
        PaymentRepository = new InMemoryPaymentRepository(UserRepository);
        UnitOfWork = new FakeUnitOfWork(UserRepository, PaymentRepository, RecordRepository);
    }

    public User Customer { get; }

    public InMemoryUserRepository UserRepository { get; } = new();

    public InMemoryPaymentRepository PaymentRepository { get; }

    public InMemoryIdempotencyRecordRepository RecordRepository { get; } = new();

    public InMemorySavedPaymentMethodRepository MethodRepository { get; } = new();

    public FakeUnitOfWork UnitOfWork { get; }

    public FakePaymentGateway Gateway { get; } = new();

    public FakeTimeProvider Clock { get; } = new(Times.Start);

    public CreatePaymentCommand Command(long amount = 1500, string currency = "USD") =>
        Commands.CreatePayment(Customer.Id.Value, amount, currency);

    public CreatePaymentHandler Handler() => new(
        PaymentRepository,
        RecordRepository,
        UnitOfWork,
        Gateway,
        new ChargeMethodResolver(UserRepository, MethodRepository),
        new CreatePaymentValidator(),
        Clock,
        TestTelemetry.Create(),
        NullLogger<CreatePaymentHandler>.Instance);

    public Task<CreatePaymentResult> CreateAsync(CreatePaymentCommand? command = null, string? key = Key, string scope = Scope, CancellationToken cancellationToken = default) =>
        Handler().HandleAsync(command ?? Command(), new IdempotencyContext(scope, key), cancellationToken);
}
