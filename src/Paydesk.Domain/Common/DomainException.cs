namespace Paydesk.Domain.Common;

/// <summary>
/// A business rule was broken: an invalid value or a state transition the entity does not allow.
/// <see cref="Code"/> is a stable, machine-readable reason that callers may branch on.
/// </summary>
public class DomainException : Exception
{
    public DomainException(string code, string message)
        : base(message) => Code = code;

    public DomainException()
        : this("domain_error", "A business rule was broken.")
    {
    }

    public DomainException(string message)
        : this("domain_error", message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException) => Code = "domain_error";

    public string Code { get; }
}
