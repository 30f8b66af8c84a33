namespace Paydesk.Architecture.Tests;

/// <summary>
/// The sandbox is referenced by the host alone. The type rules cannot see a project reference that
/// no type uses, so the assemblies' references are checked as well.
/// </summary>
public sealed class SandboxReferencesTests
{
    [Fact]
    public void Only_the_host_references_the_sandbox()
    {
        var referencing = new[] { ("Domain", Layers.Domain), ("Application", Layers.Application), ("Infrastructure", Layers.Infrastructure), ("Dashboard", Layers.Dashboard) }
            .Where(layer => layer.Item2.GetReferencedAssemblies().Any(a => a.Name == "Paydesk.Sandbox"))
            .Select(layer => layer.Item1)
            .ToList();

        Assert.Empty(referencing);
        Assert.Contains(Layers.Api.GetReferencedAssemblies(), a => a.Name == "Paydesk.Sandbox");
    }

    [Fact]
    public void The_sandbox_references_no_Paydesk_assembly()
    {
        var offending = Layers.Sandbox.GetReferencedAssemblies()
            .Select(a => a.Name ?? string.Empty)
            .Where(name => name.StartsWith("Paydesk.", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(offending);
    }
}
