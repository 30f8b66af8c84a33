using System.Reflection;
using System.Runtime.Loader;

/// <summary>
/// Loaded by <c>DOTNET_STARTUP_HOOKS</c> before Paydesk's Main: lets the hosting-startup lookup by
/// name find this assembly, which is not among the published app's dependencies.
/// </summary>
#pragma warning disable CA1050 // the runtime looks the hook up by this exact name, outside any namespace
internal static class StartupHook
#pragma warning restore CA1050
{
    public static void Initialize()
    {
        var self = typeof(StartupHook).Assembly;
        AssemblyLoadContext.Default.Resolving += (_, name) => name.Name == self.GetName().Name ? self : (Assembly?)null;
    }
}
