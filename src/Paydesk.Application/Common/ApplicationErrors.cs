namespace Paydesk.Application.Common;

// The errors a use case reports. The API maps each kind to one HTTP status; the code is stable
// and machine-readable, the message is for a person.

public abstract class ApplicationErrorException : Exception
{
    protected ApplicationErrorException(string code, string message)
        : base(message) => Code = code;

    protected ApplicationErrorException()
        : this("error", "The request failed.")
    {
    }

    protected ApplicationErrorException(string message)
        : this("error", message)
    {
    }

    protected ApplicationErrorException(string message, Exception innerException)
        : base(message, innerException) => Code = "error";

    public string Code { get; }
}

/// <summary>The resource named in the request does not exist (404).</summary>
public sealed class NotFoundException : ApplicationErrorException
{
    public NotFoundException(string code, string message)
        : base(code, message)
    {
    }

    public NotFoundException()
    {
    }

    public NotFoundException(string message)
        : base("not_found", message)
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The request conflicts with the current state, e.g. an email already taken or a request in flight (409).</summary>
public sealed class ConflictException : ApplicationErrorException
{
    public ConflictException(string code, string message)
        : base(code, message)
    {
    }

    public ConflictException()
    {
    }

    public ConflictException(string message)
        : base("conflict", message)
    {
    }

    public ConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The request is well-formed but cannot be processed as asked (422).</summary>
public sealed class UnprocessableException : ApplicationErrorException
{
    public UnprocessableException(string code, string message)
        : base(code, message)
    {
    }

    public UnprocessableException()
    {
    }

    public UnprocessableException(string message)
        : base("unprocessable", message)
    {
    }

    public UnprocessableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
