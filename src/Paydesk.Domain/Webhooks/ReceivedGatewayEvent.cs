using Paydesk.Domain.Common;

namespace Paydesk.Domain.Webhooks;

/// <summary>
/// A gateway event Paydesk has applied. Its id is stored in the same commit as the changes it made,
/// so a redelivered event is recognised and ignored.
/// </summary>
public sealed class ReceivedGatewayEvent
{
    public const int MaxIdLength = 255;
    public const int MaxTypeLength = 100;

    private ReceivedGatewayEvent(string id, string type, DateTimeOffset receivedAt)
    {
        Id = id;
        Type = type;
        ReceivedAt = receivedAt;
    }

    public string Id { get; private set; }

    public string Type { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public static ReceivedGatewayEvent Record(string id, string type, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength)
        {
            throw new InvalidValueException("invalid_event_id", $"An event id must be 1 to {MaxIdLength} characters.");
        }

        ArgumentNullException.ThrowIfNull(type);
        return new ReceivedGatewayEvent(id, type.Length > MaxTypeLength ? type[..MaxTypeLength] : type, Timestamps.Normalize(now));
    }
}

public interface IReceivedGatewayEventRepository
{
    void Add(ReceivedGatewayEvent gatewayEvent);

    Task<bool> ExistsAsync(string id, CancellationToken cancellationToken);
}
