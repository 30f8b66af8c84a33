namespace Paydesk.Application.Common;

/// <summary>The codes of the errors an Idempotency-Key's repeat can meet, for callers that act on them.</summary>
public static class IdempotencyErrors
{
    /// <summary>The first request under the key has not finished; a retry after it does gets its answer.</summary>
    public const string RequestInProgress = "request_in_progress";
}
