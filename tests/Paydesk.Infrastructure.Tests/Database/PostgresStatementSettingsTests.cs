using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Paydesk.Infrastructure.Database;
using Paydesk.TestSupport;

namespace Paydesk.Infrastructure.Tests.Database;

/// <summary>
/// The data source Paydesk registers keeps its most used statements prepared on PostgreSQL and
/// does not reset pooled connections (decision 0006); the connection string can say otherwise.
/// </summary>
public sealed class PostgresStatementSettingsTests
{
    private const string Query = "SELECT count(*) FROM pg_class WHERE relname = 'paydesk_statement_probe'";

    [Fact]
    public async Task Statements_used_often_are_prepared_and_survive_the_return_of_the_connection()
    {
        await using var services = Services(PostgresServer.ConnectionString);
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();

        // Npgsql prepares a statement automatically from its fifth use (Auto Prepare Min Usages).
        for (var use = 0; use < 6; use++)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var command = new NpgsqlCommand(Query, connection);
            await command.ExecuteScalarAsync();
        }

        await using var check = await dataSource.OpenConnectionAsync();
        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement = @query", check);
        prepared.Parameters.AddWithValue("query", Query);
        Assert.Equal(1L, await prepared.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_connection_string_overrides_the_statement_settings()
    {
        var given = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { MaxAutoPrepare = 0, NoResetOnClose = false }.ConnectionString;
        await using var services = Services(given);

        var settings = new NpgsqlConnectionStringBuilder(services.GetRequiredService<NpgsqlDataSource>().ConnectionString);

        Assert.Equal(0, settings.MaxAutoPrepare);
        Assert.False(settings.NoResetOnClose);
    }

    [Fact]
    public async Task Without_settings_in_the_connection_string_the_defaults_apply()
    {
        await using var services = Services(PostgresServer.ConnectionString);

        var settings = new NpgsqlConnectionStringBuilder(services.GetRequiredService<NpgsqlDataSource>().ConnectionString);

        Assert.Equal(new DatabaseOptions().MaxAutoPrepare, settings.MaxAutoPrepare);
        Assert.True(settings.NoResetOnClose);
    }

    private static ServiceProvider Services(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Paydesk"] = connectionString,
            })
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddInfrastructure()
            .BuildServiceProvider();
    }
}
