using FluentValidation;
using FluentValidation.Results;
using Paydesk.Domain.Idempotency;

namespace Paydesk.Application.Common;

internal static class IdempotencyKeyValidation
{
    /// <summary>The key is required on every call that moves money: 1 to 255 visible ASCII characters.</summary>
    public static string Require(IdempotencyContext context)
    {
        var key = context.Key;
        string? error = null;
        if (string.IsNullOrEmpty(key))
        {
            error = $"The {IdempotentRequest.HeaderName} header is required on this request (1 to {IdempotencyRecord.MaxKeyLength} characters, e.g. a UUID).";
        }
        else if (key.Length > IdempotencyRecord.MaxKeyLength)
        {
            error = $"The {IdempotentRequest.HeaderName} header must be at most {IdempotencyRecord.MaxKeyLength} characters.";
        }
        else if (key.Any(c => c is < '!' or > '~'))
        {
            error = $"The {IdempotentRequest.HeaderName} header must contain only visible ASCII characters.";
        }

        if (error is not null)
        {
            throw new ValidationException([new ValidationFailure(IdempotentRequest.HeaderName, error)]);
        }

        return key!;
    }
}
