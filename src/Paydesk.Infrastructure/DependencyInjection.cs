using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Common;
using Paydesk.Domain.Idempotency;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;
using Paydesk.Domain.Webhooks;
using Paydesk.Infrastructure.Config;
using Paydesk.Infrastructure.Config.Redaction;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.Database.Queries;
using Paydesk.Infrastructure.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paydesk.Infrastructure.External.Email;
using Paydesk.Infrastructure.External.PaymentGateway;
using Paydesk.Application.Common;
using Paydesk.Application.Notifications;
using Paydesk.Infrastructure.External.Messaging;
using Paydesk.Infrastructure.External.PaymentGateway.Sandbox;
using Paydesk.Infrastructure.External.PaymentGateway.Stripe;
using Paydesk.Infrastructure.Reconciliation;
using Paydesk.Infrastructure.Repositories;

namespace Paydesk.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services)
    {
        services.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.SectionName);
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddValidatedOptions<AuthOptions>(AuthOptions.SectionName);
        services.AddValidatedOptions<PaymentGatewayOptions>(PaymentGatewayOptions.SectionName);
        services.AddValidatedOptions<RateLimitingOptions>(RateLimitingOptions.SectionName);
        services.AddValidatedOptions<HttpsOptions>(HttpsOptions.SectionName);
        services.AddValidatedOptions<ProxyOptions>(ProxyOptions.SectionName);
        services.AddValidatedOptions<CorsOriginsOptions>(CorsOriginsOptions.SectionName);

        AddDatabase(services);
        services.AddMessaging();

        services.AddScoped<UnitOfWork>();
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<UnitOfWork>());
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<IPaymentRepository, PaymentRepository>();
        services.AddScoped<IIdempotencyRecordRepository, IdempotencyRecordRepository>();
        services.AddScoped<IReceivedGatewayEventRepository, ReceivedGatewayEventRepository>();
        services.AddSingleton<IGatewayEventReader, StripeWebhookReader>();
        services.AddScoped<IDailyTotalsQuery, DailyTotalsQuery>();
        services.AddScoped<DatabaseMigrator>();

        // Stripe is the one provider; in Development its ApiBase is the sandbox emulator this process serves.
        services.AddStripeGateway();
        services.AddSingleton<IPaymentGateway>(sp => new InstrumentedPaymentGateway(
            sp.GetRequiredService<StripePaymentGateway>(),
            sp.GetRequiredService<PaydeskTelemetry>()));
        services.AddValidatedOptions<StripeEmulatorOptions>(StripeEmulatorOptions.SectionName);
        services.AddHostedService<SandboxEmulatorHostedService>();

        services.AddValidatedOptions<ReconciliationOptions>(ReconciliationOptions.SectionName);
        services.AddHostedService<ReconciliationWorker>();

        AddEmail(services);

        services.AddPaydeskRedaction();

        services.AddValidatedOptions<HealthOptions>(HealthOptions.SectionName);
        services.AddSingleton<HealthCheckCache>();
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            "database",
            sp => new CachedHealthCheck("database", ActivatorUtilities.CreateInstance<DatabaseHealthCheck>(sp), sp.GetRequiredService<HealthCheckCache>()),
            failureStatus: HealthStatus.Unhealthy,
            tags: ["ready"],
            timeout: TimeSpan.FromSeconds(3)));
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            "broker",
            sp => new CachedHealthCheck("broker", ActivatorUtilities.CreateInstance<BrokerHealthCheck>(sp), sp.GetRequiredService<HealthCheckCache>()),
            failureStatus: HealthStatus.Unhealthy,
            tags: ["ready"],
            timeout: TimeSpan.FromSeconds(3)));
        return services;
    }

    private static void AddDatabase(IServiceCollection services)
    {
        // Both providers are registered; the configured one is chosen when a context is first
        // asked for, so configuration added after registration (tests, command line) still counts.
        // The pool of the provider not chosen is never created.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var builder = new NpgsqlDataSourceBuilder(ConnectionString(sp));
            builder.ConnectionStringBuilder.MaxPoolSize = options.MaxPoolSize;
            ApplyStatementSettings(builder.ConnectionStringBuilder, options);
            return builder.Build();
        });

        services.AddDbContextPool<PostgresPaydeskDbContext>((sp, db) =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            db.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql
                    .CommandTimeout(options.CommandTimeoutSeconds)
                    .ExecutionStrategy(DatabaseUnavailableExecutionStrategy.Retrying(options.MaxRetryCount)))
                .UseSnakeCaseNamingConvention();
            QuietExpectedFailures(db);
        });

        services.AddDbContextPool<SqlitePaydeskDbContext>((sp, db) =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            db.UseSqlite(ConnectionString(sp), sqlite => sqlite.CommandTimeout(options.CommandTimeoutSeconds)
                    .ExecutionStrategy(DatabaseUnavailableExecutionStrategy.NonRetrying))
                .UseSnakeCaseNamingConvention();
            QuietExpectedFailures(db);
        });

        services.AddScoped<PaydeskDbContext>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres
                ? sp.GetRequiredService<PostgresPaydeskDbContext>()
                : sp.GetRequiredService<SqlitePaydeskDbContext>());
    }

    /// <summary>
    /// Writes let the database's constraints answer (a used idempotency key, a taken email, an
    /// unknown user) and the unit of work turns those into replays, 409s and 404s; EF Core's own
    /// Error entries would report every such answer as a failure. Unexpected failures still reach
    /// the caller as exceptions, which the API's exception handler and the workers log.
    /// </summary>
    private static void QuietExpectedFailures(DbContextOptionsBuilder db) =>
        db.ConfigureWarnings(warnings => warnings.Log(
            (RelationalEventId.CommandError, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug)));

    /// <summary>
    /// Prepared statements spare PostgreSQL parsing and planning each query again; they survive
    /// only while a pooled connection is not reset, so the reset (<c>DISCARD ALL</c> on every
    /// return to the pool) is skipped: Paydesk sets no session state, temporary tables, advisory
    /// locks or LISTENs that it could leak to the next user of the connection. Values given in the
    /// connection string win.
    /// </summary>
    private static void ApplyStatementSettings(NpgsqlConnectionStringBuilder connection, DatabaseOptions options)
    {
        // The plain builder holds only the keys the string names (Npgsql's answers for every key it knows).
        var given = new DbConnectionStringBuilder { ConnectionString = connection.ConnectionString }.Keys
            .Cast<string>()
            .Select(key => key.Replace(" ", string.Empty, StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!given.Contains(nameof(NpgsqlConnectionStringBuilder.MaxAutoPrepare)))
        {
            connection.MaxAutoPrepare = options.MaxAutoPrepare;
        }

        if (!given.Contains(nameof(NpgsqlConnectionStringBuilder.NoResetOnClose)))
        {
            connection.NoResetOnClose = true;
        }
    }

    private static void AddEmail(IServiceCollection services)
    {
        services.AddValidatedOptions<EmailOptions>(EmailOptions.SectionName);
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddSingleton<IEmailTemplates, FluidEmailTemplates>();
        services.AddSingleton<PickupFolderEmailSender>();
        services.AddSingleton<SmtpEmailSender>();
        services.AddSingleton<IEmailSender>(sp =>
            sp.GetRequiredService<IOptions<EmailOptions>>().Value.Transport == EmailTransport.Smtp
                ? sp.GetRequiredService<SmtpEmailSender>()
                : sp.GetRequiredService<PickupFolderEmailSender>());
        services.AddSingleton(sp =>
        {
            var email = sp.GetRequiredService<IOptions<EmailOptions>>().Value;
            return new EmailIdentity(email.ProductName, email.MessageIdDomain);
        });
        services.AddSingleton<EmailNotifications>();
    }

    private static string ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>()[DatabaseOptions.ConnectionStringKey] ?? string.Empty;
}
