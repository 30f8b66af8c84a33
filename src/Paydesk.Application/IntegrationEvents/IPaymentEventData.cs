namespace Paydesk.Application.IntegrationEvents;

/// <summary>The data of an event about one payment, which its handlers look up by <see cref="PaymentId"/>.</summary>
public interface IPaymentEventData : IIntegrationEventData
{
    Guid PaymentId { get; }
}
