namespace Paydesk.Domain.Common;

/// <summary>
/// A business rule was broken by the state things are in, e.g. refunding a failed payment (the API
/// answers 409). <see cref="Code"/> is a stable, machine-readable reason that callers may branch on.
/// </summary>
public class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
