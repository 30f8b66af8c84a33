using System.Reflection;

namespace Paydesk.Architecture.Tests;

/// <summary>The assemblies of the layers, found through a type each one is known to contain.</summary>
internal static class Layers
{
    public static readonly Assembly Domain = typeof(Paydesk.Domain.Users.User).Assembly;
    public static readonly Assembly Application = typeof(Paydesk.Application.DependencyInjection).Assembly;
    public static readonly Assembly Infrastructure = typeof(Paydesk.Infrastructure.DependencyInjection).Assembly;
    public static readonly Assembly Api = typeof(Paydesk.Api.DependencyInjection).Assembly;
    public static readonly Assembly Sandbox = typeof(Paydesk.Sandbox.StripeEmulator).Assembly;
    public static readonly Assembly Dashboard = typeof(Paydesk.Dashboard.DashboardRegistration).Assembly;

    public static Assembly Named(string layer) => layer switch
    {
        "Domain" => Domain,
        "Application" => Application,
        "Infrastructure" => Infrastructure,
        "Api" => Api,
        "Sandbox" => Sandbox,
        "Dashboard" => Dashboard,
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, null),
    };
}
