using Paydesk.Domain.Common;

namespace Paydesk.Domain.Idempotency;

/// <summary>
/// A caller's Idempotency-Key and what it produced. It is stored in the same commit as the change
/// it guards, before any money moves, so a repeat of the request finds it and replays the outcome
/// instead of charging again.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 255;

    private IdempotencyRecord(Guid id, string scope, string key, string operation, string requestHash, Guid resourceId, Guid? parentResourceId, DateTimeOffset now)
    {
        Id = id;
        Scope = scope;
        Key = key;
        Operation = operation;
        RequestHash = requestHash;
        ResourceId = resourceId;
        ParentResourceId = parentResourceId;
        CreatedAt = now;
    }

    private IdempotencyRecord()
    {
        Scope = null!;
        Key = null!;
        Operation = null!;
        RequestHash = null!;
    }

    public Guid Id { get; private set; }

    /// <summary>Whose key this is (the API key's name): one caller cannot see another's outcomes.</summary>
    public string Scope { get; private set; }

    public string Key { get; private set; }

    /// <summary>What the key was used for, by name, e.g. <c>payments.create</c>.</summary>
    public string Operation { get; private set; }

    /// <summary>A hash of the operation and the request, to tell a true repeat from a reused key.</summary>
    public string RequestHash { get; private set; }

    /// <summary>The payment or refund the request created.</summary>
    public Guid ResourceId { get; private set; }

    /// <summary>What that resource belongs to, when it belongs to something: a refund's payment.</summary>
    public Guid? ParentResourceId { get; private set; }

    /// <summary>How the request ended (e.g. <c>created</c>); null while it is still in flight.</summary>
    public string? Outcome { get; private set; }

    /// <summary>The response the first request produced, as JSON, to replay unchanged.</summary>
    public string? ResponseBody { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public bool IsCompleted => Outcome is not null;

    public static IdempotencyRecord Start(string scope, string key, string operation, string requestHash, Guid resourceId, DateTimeOffset now, Guid? parentResourceId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentException.ThrowIfNullOrEmpty(requestHash);
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength)
        {
            throw new InvalidValueException("invalid_idempotency_key", $"The Idempotency-Key must be 1 to {MaxKeyLength} characters.");
        }

        return new IdempotencyRecord(Guid.CreateVersion7(), scope, key, operation, requestHash, resourceId, parentResourceId, Timestamps.Normalize(now));
    }

    public bool IsSameRequest(string operation, string requestHash) =>
        string.Equals(Operation, operation, StringComparison.Ordinal) && string.Equals(RequestHash, requestHash, StringComparison.Ordinal);

    public void Complete(string outcome, string responseBody, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(outcome);
        if (IsCompleted)
        {
            throw new DomainException("idempotency_completed", "The request behind this key has already completed.");
        }

        Outcome = outcome;
        ResponseBody = responseBody;
        CompletedAt = Timestamps.Normalize(now);
    }
}
