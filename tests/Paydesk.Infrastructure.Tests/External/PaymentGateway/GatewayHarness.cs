using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Infrastructure.Config;
using Paydesk.Infrastructure.External.PaymentGateway;
using Paydesk.Sandbox;
using Paydesk.Infrastructure.External.PaymentGateway.Stripe;

namespace Paydesk.Infrastructure.Tests.External.PaymentGateway;

/// <summary>A running emulator on loopback and the Stripe adapter wired to it as the service wires it.</summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    public const string SecretKey = "sk_test_harness_key_0123456789";

    private readonly ServiceProvider _services;

    private GatewayHarness(StripeEmulator emulator, ServiceProvider services, ListLoggerProvider logs)
    {
        Emulator = emulator;
        _services = services;
        Logs = logs;
    }

    public StripeEmulator Emulator { get; }

    public ListLoggerProvider Logs { get; }

    public IPaymentGateway Gateway => _services.GetRequiredService<StripePaymentGateway>();

    public IPaymentMethodGateway Methods => _services.GetRequiredService<StripePaymentMethodGateway>();

    public IServiceProvider Services => _services;

    public static async Task<GatewayHarness> StartAsync(
        string? adapterSecretKey = null,
        TimeSpan? attemptTimeout = null,
        int maxRetries = 3,
        TimeSpan? faultDelay = null)
    {
        // By default an undelayed answer comes well within an attempt and a delayed one well after it,
        // even on a starved machine: a timer that fires late must not turn one into the other.
        var emulator = await StripeEmulator.StartAsync(new StripeEmulatorOptions
        {
            SecretKey = SecretKey,
            FaultDelay = faultDelay ?? TimeSpan.FromSeconds(4),
            ProcessingDelay = TimeSpan.FromHours(1),
        });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PaymentGateway:Provider"] = "Stripe",
            ["PaymentGateway:Stripe:SecretKey"] = adapterSecretKey ?? SecretKey,
            ["PaymentGateway:Stripe:ApiBase"] = emulator.BaseAddress.ToString(),
            ["PaymentGateway:Stripe:WebhookSecret"] = "whsec_harness",
            ["PaymentGateway:Stripe:AttemptTimeout"] = (attemptTimeout ?? TimeSpan.FromSeconds(2)).ToString(),
            ["PaymentGateway:Stripe:TotalTimeout"] = "00:01:00",
            ["PaymentGateway:Stripe:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PaymentGateway:Stripe:RetryBaseDelay"] = "00:00:00.010",
        }).Build();

        var logs = new ListLoggerProvider();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.AddProvider(logs))
            .AddValidatedOptionsForTests()
            .AddStripeGateway()
            .BuildServiceProvider();
        return new GatewayHarness(emulator, services, logs);
    }

    public static GatewayChargeRequest Charge(string source = "pm_card_visa", long amount = 1500, string currency = "USD", PaymentId? paymentId = null)
    {
        var id = paymentId ?? PaymentId.New();
        return new GatewayChargeRequest(id, UserId.New(), Money.Positive(amount, Currency.FromCode(currency)), ChargeMethod.OneOff(source), "Harness order", $"charge_{id.Value:N}");
    }

    public static GatewayRefundRequest Refund(GatewayChargeRequest charge, string paymentReference, long amount)
    {
        var id = RefundId.New();
        return new GatewayRefundRequest(id, charge.PaymentId, paymentReference, Money.Positive(amount, charge.Amount.Currency), "Customer asked", $"refund_{id.Value:N}");
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}

internal static class HarnessServices
{
    public static IServiceCollection AddValidatedOptionsForTests(this IServiceCollection services)
    {
        services.AddValidatedOptions<PaymentGatewayOptions>(PaymentGatewayOptions.SectionName);
        return services;
    }
}

/// <summary>Keeps every log line, to assert what was (and was not) logged.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new ListLogger(Lines);

    public void Dispose()
    {
    }

    private sealed class ListLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
    }
}
