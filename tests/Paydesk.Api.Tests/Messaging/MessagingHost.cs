using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Paydesk.Application;
using Paydesk.Application.Common;
using Paydesk.Application.Payments;
using Paydesk.Application.Users;
using Paydesk.Infrastructure;
using Paydesk.Sandbox;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.Messaging;

/// <summary>
/// Paydesk's application and infrastructure in a plain host on a test database, with the RabbitMq
/// transport on the test broker and an exchange of the test's own. With <c>relay: true</c> the
/// relay and consumer run as in the service; otherwise a test drives the processor itself.
/// </summary>
internal static class MessagingHost
{
    /// <param name="configure">Services a test adds, e.g. a test-only handler.</param>
    public static IHost Create(
        TestDatabase database, string exchange, bool relay, IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });

        // Charges go through the production Stripe adapter to an emulator of this host's own,
        // which the container stops with the host.
        var emulator = PaydeskApiFactory.StartEmulatorAsync().GetAwaiter().GetResult();
        builder.Services.AddSingleton(_ => emulator);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Paydesk"] = database.ConnectionString,
            ["Database:MaxPoolSize"] = "20",
            ["Database:CommandTimeoutSeconds"] = "30",
            ["Database:MaxRetryCount"] = "3",
            ["Auth:ApiKeys:0:Name"] = "messaging-tests",
            ["Auth:ApiKeys:0:Hash"] = PaydeskApiFactory.Sha256("sk_test_messaging_tests"),
            ["Auth:ApiKeys:0:Scopes:0"] = "payments:write",
            ["PaymentGateway:Provider"] = "Stripe",
            ["PaymentGateway:Stripe:SecretKey"] = PaydeskApiFactory.StripeSecretKey,
            ["PaymentGateway:Stripe:WebhookSecret"] = PaydeskApiFactory.WebhookSecret,
            ["PaymentGateway:Stripe:ApiBase"] = emulator.BaseAddress.ToString(),
            ["PaymentGateway:Sandbox:Enabled"] = "false",
            ["Reconciliation:Enabled"] = "false",
            ["Messaging:Transport"] = "RabbitMq",
            ["Messaging:RelayEnabled"] = relay ? "true" : "false",
            ["Messaging:RabbitMq:Uri"] = RabbitMqBroker.Uri,
            ["Messaging:RabbitMq:Exchange"] = exchange,
            ["Messaging:RabbitMq:HandlerQueue"] = $"{exchange}.handlers",
            ["Messaging:RabbitMq:RecoveryInterval"] = "00:00:00.500",
            // Bounds only a hung confirm: one that came late on a loaded machine would be published twice.
            ["Messaging:RabbitMq:PublishTimeout"] = "00:01:00",
            ["Messaging:PollInterval"] = "00:00:00.100",
            ["Messaging:RetryBaseDelay"] = "00:00:00.050",
            ["Messaging:RetryMaxDelay"] = "00:00:00.500",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Services.AddApplication().AddInfrastructure();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    public static async Task<Guid> RegisterUserAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<RegisterUserHandler>()
            .HandleAsync(new RegisterUserCommand($"user-{Guid.NewGuid():N}@example.com", "Outbox Test"), CancellationToken.None);
        return user.Id;
    }

    public static async Task<CreatePaymentResult> ChargeAsync(IServiceProvider services, Guid userId, long amount = 1500, string source = "pm_card_visa")
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CreatePaymentHandler>().HandleAsync(
            new CreatePaymentCommand(userId, amount, "USD", source, "Outbox test"),
            new IdempotencyContext("tests", Guid.NewGuid().ToString()),
            CancellationToken.None);
    }
}
