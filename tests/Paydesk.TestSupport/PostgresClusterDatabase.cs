using Paydesk.Infrastructure.Database;

namespace Paydesk.TestSupport;

/// <summary>The <c>postgres</c> database of a <see cref="PostgresCluster"/>: it lives and goes with the cluster.</summary>
public sealed class PostgresClusterDatabase(PostgresCluster cluster) : TestDatabase
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString => cluster.ConnectionString;

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected override Task InitializeAsync() => Task.CompletedTask;
}
