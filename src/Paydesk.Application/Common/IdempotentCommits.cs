using System.Text.Json;
using Paydesk.Domain.Common;
using Paydesk.Domain.Idempotency;

namespace Paydesk.Application.Common;

/// <summary>
/// The two commits every money-moving use case makes around its gateway call: the key with the
/// pending change before the call, so a repeat finds it; then the gateway's outcome with the
/// answer the caller gets, so a repeat replays it.
/// </summary>
internal sealed class IdempotentCommits(IIdempotencyRecordRepository records, IUnitOfWork unitOfWork, TimeProvider clock)
{
    // Reconciliation, a webhook or another refund may change the same payment between the two
    // commits; a few fresh attempts settle such a race.
    public const int CompleteAttempts = 3;

    public Task<IdempotencyRecord?> FindAsync(IdempotentRequest request, CancellationToken cancellationToken) =>
        records.FindAsync(request.Scope, request.Key, cancellationToken);

    /// <summary>
    /// Commits the request's record together with the change staged beside it. When the key was
    /// taken first (before, or by a concurrent request), nothing is stored and the earlier request's
    /// record comes back with <c>Earlier</c> set, for the caller to replay.
    /// </summary>
    public async Task<(IdempotencyRecord Record, bool Earlier)> StartAsync(IdempotentRequest request, Guid resourceId, CancellationToken cancellationToken)
    {
        var record = IdempotencyRecord.Start(request.Scope, request.Key, request.Operation, request.RequestHash, resourceId, clock.GetUtcNow(), request.ParentResourceId);
        records.Add(record);
        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
            return (record, false);
        }
        catch (DuplicateKeyException)
        {
            var winner = await FindAsync(request, CancellationToken.None);
            if (winner is null)
            {
                throw;
            }

            return (winner, true);
        }
    }

    /// <summary>
    /// Commits what <paramref name="settle"/> changes together with the answer it returns, completing
    /// the record. <paramref name="settle"/> gets the attempt number: after the first, the unit of
    /// work has dropped its changes, so it reloads what it changes and applies the outcome only where
    /// the state still allows. Runs without a cancellation token: the money has moved.
    /// </summary>
    /// <param name="durable">
    /// The answer for the change as the first commit stored it (pending). When the database cannot
    /// be reached for this commit, the caller gets that (202): the change is durable and
    /// reconciliation settles it and completes the record, so a repeat then replays the outcome.
    /// </param>
    public async Task<(RequestOutcome Outcome, TResponse Response)> CompleteAsync<TResponse>(
        IdempotentRequest request, IdempotencyRecord started, TResponse durable, Func<int, Task<(RequestOutcome Outcome, TResponse Response)>> settle)
    {
        ArgumentNullException.ThrowIfNull(settle);
        var record = started;
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1)
            {
                record = await FindAsync(request, CancellationToken.None)
                    ?? throw new InvalidOperationException("An idempotency record vanished between its two commits.");
            }

            var answer = await settle(attempt);

            // Reconciliation completes a record whose request looks dead; the caller then gets the
            // answer a repeat would get.
            var completedElsewhere = record.IsCompleted;
            if (!completedElsewhere)
            {
                record.Complete(answer.Outcome.ToString(), JsonSerializer.Serialize(answer.Response, StoredJson.Options), clock.GetUtcNow());
            }

            try
            {
                await unitOfWork.SaveChangesAsync(CancellationToken.None);
                return completedElsewhere ? request.Replay<TResponse>(record) : answer;
            }
            catch (ConcurrencyConflictException) when (attempt < CompleteAttempts)
            {
            }
            catch (DatabaseUnavailableException)
            {
                return (RequestOutcome.Pending, durable);
            }
        }
    }
}
