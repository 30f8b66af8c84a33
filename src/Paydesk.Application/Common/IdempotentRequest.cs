using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Paydesk.Domain.Idempotency;

namespace Paydesk.Application.Common;

/// <summary>
/// What an idempotent use case needs to know about the caller's key: whose it is and what it is.
/// </summary>
public sealed record IdempotencyContext(string Scope, string? Key);

/// <summary>The operations an Idempotency-Key may be used for, as their records name them.</summary>
internal static class IdempotentOperations
{
    public const string CreatePayment = "payments.create";
    public const string RefundPayment = "payments.refund";
    public const string CapturePayment = "payments.capture";
    public const string CancelPayment = "payments.cancel";
}

/// <summary>How an idempotent request ended, as its record stores it and its replay answers it.</summary>
public enum RequestOutcome
{
    /// <summary>The gateway decided; the payment or refund says how.</summary>
    Completed,

    /// <summary>The gateway's answer is not known yet; the payment or refund stays pending.</summary>
    Pending,

    /// <summary>The gateway refused the request itself (e.g. an unknown payment method).</summary>
    Rejected,
}

/// <summary>One caller's request under its key: which operation, on what, and its fingerprint.</summary>
internal sealed record IdempotentRequest(string Scope, string Key, string Operation, Guid? ParentResourceId, string RequestHash)
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>Checks the caller's key and fingerprints <paramref name="command"/> for <paramref name="operation"/> on <paramref name="parentResourceId"/>.</summary>
    public static IdempotentRequest For<T>(IdempotencyContext context, string operation, Guid? parentResourceId, T command)
    {
        var key = RequireKey(context);

        // The parent is hashed as "operation:parent", the form the operation had before the parent
        // got its own column, so that a record stored back then still matches its repeat.
        var subject = parentResourceId is { } parent ? $"{operation}:{parent}" : operation;
        return new(context.Scope, key, operation, parentResourceId, Fingerprint(subject, command));
    }

    /// <summary>
    /// The answer to a request whose key is already stored: the stored answer when it is the same
    /// request and complete; refused otherwise.
    /// </summary>
    public (RequestOutcome Outcome, TResponse Response) Replay<TResponse>(IdempotencyRecord existing)
    {
        if (!existing.IsSameRequest(Operation, RequestHash))
        {
            throw new UnprocessableException(
                "idempotency_key_reused",
                "This Idempotency-Key was already used for a different request. Use a new key for a new request.");
        }

        if (!existing.IsCompleted)
        {
            throw new ConflictException(
                IdempotencyErrors.RequestInProgress,
                "A request with this Idempotency-Key is still being processed. Retry after it completes.");
        }

        return (Enum.Parse<RequestOutcome>(existing.Outcome!), JsonSerializer.Deserialize<TResponse>(existing.ResponseBody!, StoredJson.Options)!);
    }

    /// <summary>The key is required on every call that moves money: 1 to 255 visible ASCII characters.</summary>
    private static string RequireKey(IdempotencyContext context)
    {
        var key = context.Key;
        string? error = null;
        if (string.IsNullOrEmpty(key))
        {
            error = $"The {HeaderName} header is required on this request (1 to {IdempotencyRecord.MaxKeyLength} characters, e.g. a UUID).";
        }
        else if (key.Length > IdempotencyRecord.MaxKeyLength)
        {
            error = $"The {HeaderName} header must be at most {IdempotencyRecord.MaxKeyLength} characters.";
        }
        else if (key.Any(c => c is < '!' or > '~'))
        {
            error = $"The {HeaderName} header must contain only visible ASCII characters.";
        }

        return error is null ? key! : throw new ValidationException([new ValidationFailure(HeaderName, error)]);
    }

    /// <summary>
    /// A stable hash of the subject and the request's meaningful fields. Two requests with one key
    /// and the same hash are the same request; a different hash means the key was reused.
    /// </summary>
    private static string Fingerprint<T>(string subject, T request)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(request, StoredJson.FingerprintOptions);
        var bytes = new byte[Encoding.UTF8.GetByteCount(subject) + 1 + json.Length];
        var written = Encoding.UTF8.GetBytes(subject, bytes);
        bytes[written] = (byte)'\n';
        json.CopyTo(bytes, written + 1);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}

/// <summary>How stored responses and fingerprints are serialized; fixed so hashes stay stable.</summary>
internal static class StoredJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>As <see cref="Options"/>, with maps (metadata) in key order: the same request hashes the same however its keys were ordered.</summary>
    public static readonly JsonSerializerOptions FingerprintOptions = new(Options) { Converters = { new OrdinalKeyOrderConverter() } };
}
