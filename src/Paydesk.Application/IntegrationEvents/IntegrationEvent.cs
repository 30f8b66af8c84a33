namespace Paydesk.Application.IntegrationEvents;

/// <summary>An integration event as Paydesk's own handlers receive it, its data already typed.</summary>
/// <param name="Id">The CloudEvents id: the same on every delivery of the event.</param>
/// <param name="Subject">The payment or user the event is about.</param>
public abstract record IntegrationEvent(Guid Id, string Subject, DateTimeOffset Time)
{
    /// <summary>The short event type, e.g. <c>payment.succeeded</c>.</summary>
    public abstract string Type { get; }
}
