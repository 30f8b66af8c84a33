using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.Instances;

/// <summary>
/// One cluster for the scale-out tests, with reconciliation running in every instance: a pending
/// payment is first checked after 3 s, then every 2 s.
/// </summary>
public sealed class InstancesFixture : IAsyncLifetime
{
    public static readonly TimeSpan ReconciliationInterval = TimeSpan.FromSeconds(2);

    private InstanceCluster? _cluster;

    internal InstanceCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public async Task InitializeAsync() => _cluster = await InstanceCluster.StartAsync(new Dictionary<string, string>
    {
        ["Reconciliation:Enabled"] = "true",
        ["Reconciliation:FirstCheckAfter"] = "00:00:03",
        ["Reconciliation:Interval"] = ReconciliationInterval.ToString(),
        ["Reconciliation:PollInterval"] = "00:00:00.200",
        ["Reconciliation:MaxChecks"] = "100",
    });

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>The scale-out tests run one at a time: each cluster alone already keeps two cores busy.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InstancesCollection
{
    public const string Name = "Instances";
}
