using System.Reflection;

namespace Paydesk.Architecture.Tests;

public sealed class DomainReferencesTests
{
    private static readonly string[] AllowedPrefixes = ["System.", "Microsoft.Win32."];
    private static readonly string[] AllowedNames = ["System", "netstandard", "mscorlib"];

    [Fact]
    public void Domain_references_only_the_base_class_library()
    {
        var references = Layers.Domain.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty).ToList();

        var offending = references.Where(name => !IsBaseClassLibrary(name)).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(references);
        Assert.True(offending.Count == 0, $"Paydesk.Domain references assemblies outside the base class library: {string.Join(", ", offending)}");
    }

    [Fact]
    public void Domain_references_no_Paydesk_or_Entity_Framework_assembly()
    {
        var offending = Layers.Domain.GetReferencedAssemblies()
            .Select(a => a.Name ?? string.Empty)
            .Where(name => name.StartsWith("Paydesk.", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Npgsql", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("FluentValidation", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.True(offending.Count == 0, $"Paydesk.Domain references: {string.Join(", ", offending)}");
    }

    [Fact]
    public void Application_references_the_domain_but_no_outer_layer()
    {
        var references = Layers.Application.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty).ToList();

        Assert.Contains("Paydesk.Domain", references);
        var offending = references
            .Where(name => name is "Paydesk.Infrastructure" or "Paydesk.Api"
                || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Microsoft.AspNetCore", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Npgsql", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.True(offending.Count == 0, $"Paydesk.Application references: {string.Join(", ", offending)}");
    }

    private static bool IsBaseClassLibrary(string name) =>
        AllowedNames.Contains(name, StringComparer.Ordinal)
        || AllowedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
}
