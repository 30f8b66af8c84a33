using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Paydesk.Bench.Baseline;

/// <summary>
/// The floor's outbox: rows written in the request's transaction, a signal that wakes the relay after
/// the commit (as Paydesk's does), and the two figures the harness reads to know the work has drained.
/// </summary>
internal sealed class Outbox
{
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private long _written;
    private long _published;

    public void AddInsert(NpgsqlBatch batch, Guid id, string eventType, Guid subject, DateTimeOffset createdAt, string payload) =>
        batch.Command(Sql.InsertOutbox).Parameters
            .With("id", NpgsqlDbType.Uuid, id)
            .With("created_at", NpgsqlDbType.TimestampTz, createdAt)
            .With("event_type", NpgsqlDbType.Text, eventType)
            .With("payload", NpgsqlDbType.Text, payload)
            .With("subject", NpgsqlDbType.Text, subject.ToString());

    /// <summary>Called after a commit that wrote a row.</summary>
    public void Written()
    {
        Interlocked.Increment(ref _written);
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    public void Published(int count) => Interlocked.Add(ref _published, count);

    /// <summary>Waits for a commit, or the poll interval.</summary>
    public Task WaitAsync(TimeSpan poll, CancellationToken ct) => _signal.WaitAsync(poll, ct);

    /// <summary>The harness reads the floor's drain the way it reads Paydesk's: the same metric names.</summary>
    public string Metrics()
    {
        var published = Interlocked.Read(ref _published);
        var backlog = Math.Max(Interlocked.Read(ref _written) - published, 0);
        return string.Create(CultureInfo.InvariantCulture,
            $"paydesk_outbox_backlog {backlog}\npaydesk_outbox_published_total {published}\n");
    }
}
