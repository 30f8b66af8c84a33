namespace Paydesk.Domain.Common;

/// <summary>
/// Raised by a unit of work when a commit refers to a record that does not exist (a payment for
/// an unknown user). The store's own foreign-key error stays hidden behind it, so a use case can
/// let the store check the reference in the same round trip as the write instead of asking first.
/// </summary>
public sealed class MissingReferenceException : Exception
{
    public MissingReferenceException()
        : base("A record refers to another that does not exist.")
    {
    }

    public MissingReferenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
