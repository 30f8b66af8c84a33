using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Paydesk.Domain.Idempotency;

namespace Paydesk.Application.Common;

/// <summary>
/// What an idempotent use case needs to know about the caller's key: whose it is and what it is.
/// </summary>
public sealed record IdempotencyContext(string Scope, string? Key);

internal static class IdempotencyRules
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>
    /// A stable hash of the operation and the request's meaningful fields. Two requests with one key
    /// and the same hash are the same request; a different hash means the key was reused.
    /// </summary>
    public static string Fingerprint<T>(string operation, T request)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(request, StoredJson.Options);
        var bytes = new byte[Encoding.UTF8.GetByteCount(operation) + 1 + json.Length];
        var written = Encoding.UTF8.GetBytes(operation, bytes);
        bytes[written] = (byte)'\n';
        json.CopyTo(bytes, written + 1);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>
    /// The answer to a request whose key is already stored: replay it when it is the same request and
    /// complete, refuse it otherwise.
    /// </summary>
    public static IdempotencyRecord EnsureReplayable(IdempotencyRecord existing, string operation, string requestHash)
    {
        if (!existing.IsSameRequest(operation, requestHash))
        {
            throw new UnprocessableException(
                "idempotency_key_reused",
                "This Idempotency-Key was already used for a different request. Use a new key for a new request.");
        }

        if (!existing.IsCompleted)
        {
            throw new ConflictException(
                "request_in_progress",
                "A request with this Idempotency-Key is still being processed. Retry after it completes.");
        }

        return existing;
    }
}

/// <summary>How stored responses and fingerprints are serialized; fixed so hashes stay stable.</summary>
internal static class StoredJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
