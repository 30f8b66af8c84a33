namespace Paydesk.Domain.Common;

/// <summary>Raised by a unit of work when the row it changes was changed by someone else first.</summary>
public sealed class ConcurrencyConflictException(string message, Exception innerException) : Exception(message, innerException);
