using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Paydesk.Application.Operators;
using Paydesk.Domain.Operators;
using Paydesk.Infrastructure.Database;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.Dashboard;

/// <summary>The documented Development operator (README, "Dashboard"): there in Development, nowhere else.</summary>
public sealed class DevelopmentOperatorSeedTests
{
    private const string Name = "admin";
    private const string Password = "paydesk-dev-admin";

    [Fact]
    public async Task Development_seeds_the_documented_admin_once_however_often_it_starts()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var first = new PaydeskApiFactory(database, configure: builder => builder.UseEnvironment("Development")))
        {
            first.StartServer();
        }

        await using var second = new PaydeskApiFactory(database, configure: builder => builder.UseEnvironment("Development"));
        second.StartServer();
        await using var scope = second.Services.CreateAsyncScope();

        var operators = await scope.ServiceProvider.GetRequiredService<OperatorQueries>().ListAsync(CancellationToken.None);
        var signedIn = await scope.ServiceProvider.GetRequiredService<SignInOperatorHandler>().HandleAsync(Name, Password, CancellationToken.None);

        var seeded = Assert.Single(operators);
        Assert.Equal(OperatorRole.Admin, seeded.Role);
        Assert.Equal(SignInOutcome.SignedIn, signedIn.Outcome);
    }

    [Fact]
    public async Task No_other_environment_seeds_an_operator()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PaydeskApiFactory(database);
        factory.StartServer();
        await using var scope = factory.Services.CreateAsyncScope();

        var operators = await scope.ServiceProvider.GetRequiredService<OperatorQueries>().ListAsync(CancellationToken.None);

        Assert.Empty(operators);
    }
}
