using NetArchTest.Rules;

namespace Paydesk.Architecture.Tests;

public sealed class LayerDependencyTests
{
    public static TheoryData<string, string> ForbiddenDependencies => new()
    {
        // The domain is plain C#: no persistence, no web, no validation library, no outer layer.
        { "Domain", "Paydesk.Application" },
        { "Domain", "Paydesk.Infrastructure" },
        { "Domain", "Paydesk.Api" },
        { "Domain", "Microsoft.EntityFrameworkCore" },
        { "Domain", "Microsoft.AspNetCore" },
        { "Domain", "Npgsql" },
        { "Domain", "FluentValidation" },

        // Use cases talk to ports, never to the adapters or the transport.
        { "Application", "Paydesk.Infrastructure" },
        { "Application", "Paydesk.Api" },
        { "Application", "Microsoft.EntityFrameworkCore" },
        { "Application", "Microsoft.AspNetCore" },
        { "Application", "Npgsql" },

        // Adapters do not reach up into the HTTP layer.
        { "Infrastructure", "Paydesk.Api" },

        // The sandbox emulator is the host's to serve: no layer below it knows it is there.
        { "Domain", "Paydesk.Sandbox" },
        { "Application", "Paydesk.Sandbox" },
        { "Infrastructure", "Paydesk.Sandbox" },

        // The sandbox speaks Stripe's HTTP API and needs nothing of Paydesk.
        { "Sandbox", "Paydesk.Domain" },
        { "Sandbox", "Paydesk.Application" },
        { "Sandbox", "Paydesk.Infrastructure" },
        { "Sandbox", "Paydesk.Api" },

        // The dashboard is the host's too: no layer below it knows it, and it uses the use cases
        // and stores the layers offer, never the database or the HTTP API's own code.
        { "Domain", "Paydesk.Dashboard" },
        { "Application", "Paydesk.Dashboard" },
        { "Infrastructure", "Paydesk.Dashboard" },
        { "Sandbox", "Paydesk.Dashboard" },
        { "Dashboard", "Paydesk.Api" },
        { "Dashboard", "Paydesk.Sandbox" },
        { "Dashboard", "Microsoft.EntityFrameworkCore" },
        { "Dashboard", "Npgsql" },
    };

    [Theory]
    [MemberData(nameof(ForbiddenDependencies))]
    public void Layer_does_not_depend_on_what_it_must_not_know(string layer, string forbidden)
    {
        var result = Types.InAssembly(Layers.Named(layer))
            .ShouldNot()
            .HaveDependencyOn(forbidden)
            .GetResult();

        Assert.True(result.IsSuccessful, FailureMessage(layer, forbidden, result));
    }

    [Theory]
    [InlineData("Domain")]
    [InlineData("Application")]
    [InlineData("Infrastructure")]
    [InlineData("Sandbox")]
    [InlineData("Dashboard")]
    public void Layer_assembly_has_types_to_check(string layer)
    {
        var types = Types.InAssembly(Layers.Named(layer)).GetTypes().ToList();

        Assert.True(types.Count > 5, $"Only {types.Count} types were loaded from {layer}; the rules above would pass vacuously.");
    }

    // A control for the rules above: the same kind of check does report a dependency that exists,
    // with the types that have it, so a passing rule means something.
    [Theory]
    [InlineData("Application", "Paydesk.Domain", "Paydesk.Application.Payments.CreatePaymentHandler")]
    [InlineData("Infrastructure", "Microsoft.EntityFrameworkCore", "Paydesk.Infrastructure.Database.PaydeskDbContext")]
    [InlineData("Application", "FluentValidation", "Paydesk.Application.Users.RegisterUserValidator")]
    [InlineData("Api", "Paydesk.Sandbox", "Program")]
    [InlineData("Dashboard", "Paydesk.Application", "Paydesk.Dashboard.Pages.Dashboard.SignInModel")]
    public void Dependency_check_reports_a_dependency_that_exists(string layer, string dependency, string expectedType)
    {
        var result = Types.InAssembly(Layers.Named(layer))
            .ShouldNot()
            .HaveDependencyOn(dependency)
            .GetResult();

        Assert.False(result.IsSuccessful);
        Assert.Contains(expectedType, result.FailingTypeNames);
    }

    private static string FailureMessage(string layer, string forbidden, TestResult result)
    {
        var failing = result.FailingTypeNames ?? [];
        return $"{layer} must not depend on {forbidden}, but these types do: {string.Join(", ", failing.Order(StringComparer.Ordinal))}";
    }
}
