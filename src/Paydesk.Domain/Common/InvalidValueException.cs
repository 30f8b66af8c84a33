namespace Paydesk.Domain.Common;

/// <summary>A value breaks a rule of its own, whatever the state (the API answers 400), e.g. a negative amount.</summary>
public sealed class InvalidValueException(string code, string message) : DomainException(code, message);
