namespace Paydesk.Application.Common;

// The errors a use case reports. The API maps each type to one HTTP status; the code is stable
// and machine-readable, the message is for a person.

public abstract class ApplicationErrorException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The resource named in the request does not exist (404).</summary>
public sealed class NotFoundException(string code, string message) : ApplicationErrorException(code, message);

/// <summary>The request conflicts with the current state, e.g. an email already taken or a request in flight (409).</summary>
public sealed class ConflictException(string code, string message) : ApplicationErrorException(code, message);

/// <summary>The request is well-formed but cannot be processed as asked (422).</summary>
public sealed class UnprocessableException(string code, string message) : ApplicationErrorException(code, message);

/// <summary>
/// The gateway refused the charge request itself, e.g. an unknown payment method (422). The payment
/// was stored and failed; <see cref="PaymentId"/> names it. A repeat of the request with its key
/// answers it again, <see cref="Replayed"/>.
/// </summary>
public sealed class ChargeRejectedException(string code, string message, Guid paymentId, bool replayed) : ApplicationErrorException(code, message)
{
    public Guid PaymentId { get; } = paymentId;

    public bool Replayed { get; } = replayed;
}
