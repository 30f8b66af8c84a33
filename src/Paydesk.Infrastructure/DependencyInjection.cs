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
using Paydesk.Infrastructure.Config;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.Database.Queries;
using Paydesk.Infrastructure.External.PaymentGateway.Sandbox;
using Paydesk.Infrastructure.Repositories;

namespace Paydesk.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.SectionName);
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddValidatedOptions<AuthOptions>(AuthOptions.SectionName);
        services.AddValidatedOptions<PaymentGatewayOptions>(PaymentGatewayOptions.SectionName);

        AddDatabase(services, configuration);

        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<IPaymentRepository, PaymentRepository>();
        services.AddScoped<IIdempotencyRecordRepository, IdempotencyRecordRepository>();
        services.AddScoped<IDailyTotalsQuery, DailyTotalsQuery>();
        services.AddScoped<DatabaseMigrator>();

        services.AddSingleton<SandboxPaymentGateway>();
        services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<SandboxPaymentGateway>());

        services.AddHealthChecks().AddDbContextCheck<PaydeskDbContext>("database", tags: ["ready"]);
        return services;
    }

    private static void AddDatabase(IServiceCollection services, IConfiguration configuration)
    {
        // The provider decides the registrations, so it is read here; its validation (with the key
        // named) runs at start-up through the options above.
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration[DatabaseOptions.ConnectionStringKey] ?? string.Empty;

        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton(_ =>
            {
                var builder = new NpgsqlDataSourceBuilder(connectionString);
                builder.ConnectionStringBuilder.MaxPoolSize = options.MaxPoolSize;
                return builder.Build();
            });
            services.AddDbContextPool<PaydeskDbContext, PostgresPaydeskDbContext>((sp, db) => db
                .UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql
                    .CommandTimeout(options.CommandTimeoutSeconds)
                    .EnableRetryOnFailure(options.MaxRetryCount))
                .UseSnakeCaseNamingConvention());
        }
        else
        {
            services.AddDbContextPool<PaydeskDbContext, SqlitePaydeskDbContext>(db => db
                .UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(options.CommandTimeoutSeconds))
                .UseSnakeCaseNamingConvention());
        }
    }
}
