using Paydesk.Application.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paydesk.Domain.Common;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.External.Messaging.Outbox;
using Paydesk.Infrastructure.External.Messaging.Transports;

namespace Paydesk.Infrastructure.External.Messaging.Relay;

/// <summary>
/// One pass of the relay: claim a batch of due rows, send them all at once, record each outcome.
/// On PostgreSQL the batch is claimed with <c>FOR UPDATE SKIP LOCKED</c> in a transaction that
/// lasts until the outcomes are stored, so several Paydesk instances never send the same row at
/// the same time. SQLite has no row locks: there one instance at a time holds a lease and only it sends.
/// </summary>
public sealed partial class OutboxProcessor(
    IServiceScopeFactory scopes,
    IOutboxTransport transport,
    IOptions<MessagingOptions> messagingOptions,
    IOptions<DatabaseOptions> databaseOptions,
    TimeProvider clock,
    OutboxMetrics metrics,
    ILogger<OutboxProcessor> logger)
{
    /// <summary>Who holds the SQLite lease: unique per processor, so two in one process are two holders too.</summary>
    private readonly string _instanceId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    private MessagingOptions Options => messagingOptions.Value;

    /// <summary>Processes one batch; returns how many rows it handled (0: nothing due, or another instance holds the lease).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaydeskDbContext>();
        if (databaseOptions.Value.Provider == DatabaseProvider.Postgres)
        {
            return await ResilientTransaction.ExecuteAsync(db, ct => ClaimAndSendPostgresAsync(db, ct), cancellationToken);
        }

        if (!await TryHoldLeaseAsync(db, cancellationToken))
        {
            return 0;
        }

        var now = Now();
        var rows = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt)
            .Take(Options.BatchSize)
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        await SendAndRecordAsync(db, rows, cancellationToken);
        return rows.Count;
    }

    /// <summary>Deletes published rows past retention and refreshes the backlog gauges.</summary>
    public async Task HousekeepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<OutboxStore>();
        var now = Now();
        var deleted = await store.DeletePublishedBeforeAsync(now - Options.PublishedRetention, cancellationToken);
        if (deleted > 0)
        {
            LogRetention(logger, deleted);
        }

        await ObserveBacklogAsync(store, now, cancellationToken);
    }

    public async Task ObserveBacklogAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await ObserveBacklogAsync(scope.ServiceProvider.GetRequiredService<OutboxStore>(), Now(), cancellationToken);
    }

    /// <summary>Gives the SQLite lease up at shutdown so another process need not wait for it to expire.</summary>
    public async Task ReleaseLeaseAsync(CancellationToken cancellationToken)
    {
        if (databaseOptions.Value.Provider == DatabaseProvider.Postgres)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaydeskDbContext>();
        var past = DateTimeOffset.UnixEpoch;
        await db.OutboxLeases
            .Where(l => l.Name == OutboxLease.RelayLeaseName && l.Holder == _instanceId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, past), cancellationToken);
    }

    private async Task ObserveBacklogAsync(OutboxStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (backlog, oldestDue) = await store.BacklogAsync(now, cancellationToken);
        metrics.Observe(backlog, oldestDue is { } oldest ? now - oldest : TimeSpan.Zero);
    }

    /// <summary>Runs in the transaction that holds the claimed rows' locks; once per attempt of the execution strategy.</summary>
    private async Task<int> ClaimAndSendPostgresAsync(PaydeskDbContext db, CancellationToken cancellationToken)
    {
        // A retried attempt must not see what the rolled-back one tracked.
        db.ChangeTracker.Clear();
        var now = Now();
        var pending = OutboxStatus.Pending;
        var rows = await db.OutboxMessages
            .FromSql($"""
                SELECT * FROM outbox_messages
                WHERE status = {pending} AND next_attempt_at <= {now}
                ORDER BY next_attempt_at
                LIMIT {Options.BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        if (rows.Count > 0)
        {
            await SendAndRecordAsync(db, rows, cancellationToken);
        }

        return rows.Count;
    }

    private async Task SendAndRecordAsync(PaydeskDbContext db, List<OutboxMessage> rows, CancellationToken cancellationToken)
    {
        using var activity = PaydeskTelemetry.ActivitySource.StartActivity("outbox relay");
        activity?.SetTag("paydesk.outbox.batch_size", rows.Count);
        var results = await transport.SendAsync(rows, cancellationToken);
        var now = Now();
        var publishedIds = new List<Guid>(rows.Count);
        int failed = 0, dead = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (results[i] is not { } error)
            {
                publishedIds.Add(row.Id);
                continue;
            }

            var backoff = RetryBackoff.For(row.Attempts + 1, Options.RetryBaseDelay, Options.RetryMaxDelay, Jitter());
            row.MarkFailed(error, Options.MaxAttempts, now, backoff);
            failed++;
            if (row.Status == OutboxStatus.Dead)
            {
                dead++;
                LogDeadLettered(logger, row.Id, row.EventType, row.Attempts, error);
            }
            else
            {
                LogFailed(logger, row.Id, row.EventType, row.Attempts, error);
            }
        }

        // The published rows in one statement rather than one UPDATE per row: this is the relay's hot
        // path. It runs in the claim's transaction on PostgreSQL, so the rows are still locked by us.
        if (publishedIds.Count > 0)
        {
            await db.OutboxMessages
                .Where(m => publishedIds.Contains(m.Id))
                .ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.Status, OutboxStatus.Published)
                        .SetProperty(m => m.PublishedAt, now)
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                        .SetProperty(m => m.LastError, (string?)null),
                    cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        metrics.Published(publishedIds.Count);
        metrics.Failed(failed);
        metrics.DeadLettered(dead);
    }

    private async Task<bool> TryHoldLeaseAsync(PaydeskDbContext db, CancellationToken cancellationToken)
    {
        var now = Now();
        var until = now + Options.SqliteLeaseDuration;
        var renewed = await db.OutboxLeases
            .Where(l => l.Name == OutboxLease.RelayLeaseName && (l.Holder == _instanceId || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, _instanceId).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        if (renewed == 1)
        {
            return true;
        }

        if (await db.OutboxLeases.AnyAsync(l => l.Name == OutboxLease.RelayLeaseName, cancellationToken))
        {
            return false;
        }

        db.OutboxLeases.Add(new OutboxLease { Name = OutboxLease.RelayLeaseName, Holder = _instanceId, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another process created the lease first.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private DateTimeOffset Now() => Timestamps.Normalize(clock.GetUtcNow());

    // Jitter only spreads retries out; it needs no cryptographic randomness.
#pragma warning disable CA5394
    private static double Jitter() => Random.Shared.NextDouble();
#pragma warning restore CA5394

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {Id} ({EventType}) failed attempt {Attempts}: {Error}")]
    private static partial void LogFailed(ILogger logger, Guid id, string eventType, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row {Id} ({EventType}) dead-lettered after {Attempts} attempts: {Error}")]
    private static partial void LogDeadLettered(ILogger logger, Guid id, string eventType, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} published outbox rows past retention")]
    private static partial void LogRetention(ILogger logger, int count);
}
