using Paydesk.Infrastructure.External.Messaging.Outbox;

namespace Paydesk.Infrastructure.External.Messaging.Transports;

/// <summary>Where the relay sends outbox rows: the broker, or Paydesk's own handlers in process.</summary>
public interface IOutboxTransport
{
    /// <summary>
    /// Sends the batch, all at once where the transport allows. Returns one entry per message, in
    /// order: null when it was delivered (confirmed), otherwise why it was not.
    /// </summary>
    Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken);
}
