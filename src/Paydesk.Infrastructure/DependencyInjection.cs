using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Common;
using Paydesk.Domain.Idempotency;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;
using Paydesk.Domain.Webhooks;
using Paydesk.Infrastructure.Config;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.Database.Queries;
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

        AddDatabase(services);

        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<IPaymentRepository, PaymentRepository>();
        services.AddScoped<IIdempotencyRecordRepository, IdempotencyRecordRepository>();
        services.AddScoped<IReceivedGatewayEventRepository, ReceivedGatewayEventRepository>();
        services.AddSingleton<IGatewayEventReader, StripeWebhookReader>();
        services.AddScoped<IDailyTotalsQuery, DailyTotalsQuery>();
        services.AddScoped<DatabaseMigrator>();

        // Stripe is the one provider; in Development its ApiBase is the sandbox emulator this process serves.
        services.AddStripeGateway();
        services.AddTransient<IPaymentGateway>(sp => sp.GetRequiredService<StripePaymentGateway>());
        services.AddValidatedOptions<StripeEmulatorOptions>(StripeEmulatorOptions.SectionName);
        services.AddHostedService<SandboxEmulatorHostedService>();

        services.AddValidatedOptions<ReconciliationOptions>(ReconciliationOptions.SectionName);
        services.AddHostedService<ReconciliationWorker>();

        services.AddHealthChecks().AddDbContextCheck<PaydeskDbContext>("database", tags: ["ready"]);
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
            return builder.Build();
        });

        services.AddDbContextPool<PostgresPaydeskDbContext>((sp, db) =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            db.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql
                    .CommandTimeout(options.CommandTimeoutSeconds)
                    .EnableRetryOnFailure(options.MaxRetryCount))
                .UseSnakeCaseNamingConvention();
        });

        services.AddDbContextPool<SqlitePaydeskDbContext>((sp, db) =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            db.UseSqlite(ConnectionString(sp), sqlite => sqlite.CommandTimeout(options.CommandTimeoutSeconds))
                .UseSnakeCaseNamingConvention();
        });

        services.AddScoped<PaydeskDbContext>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres
                ? sp.GetRequiredService<PostgresPaydeskDbContext>()
                : sp.GetRequiredService<SqlitePaydeskDbContext>());
    }

    private static string ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>()[DatabaseOptions.ConnectionStringKey] ?? string.Empty;
}
