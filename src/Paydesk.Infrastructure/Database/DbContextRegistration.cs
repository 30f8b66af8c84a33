using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Paydesk.Infrastructure.Database;

internal static class DbContextRegistration
{
    /// <summary>
    /// Both providers are registered; the configured one is chosen when a context is first asked
    /// for, so configuration added after registration (tests, command line) still counts. The pool
    /// of the provider not chosen is never created.
    /// </summary>
    public static IServiceCollection AddPaydeskDbContexts(this IServiceCollection services)
    {
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
        return services;
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

    private static string ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>()[DatabaseOptions.ConnectionStringKey] ?? string.Empty;
}
