using Paydesk.Domain.Common;

namespace Paydesk.Domain.WebhookEndpoints;

public enum WebhookDeliveryStatus
{
    Pending,
    Succeeded,
    Dead,
}

/// <summary>
/// One event on its way to one endpoint: retried on the schedule until a 2xx, then done, or dead
/// once the schedule is spent. A redelivery is a new delivery of the same event.
/// </summary>
public sealed class WebhookDelivery
{
    private WebhookDelivery()
    {
    }

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    public Guid EndpointId { get; private set; }

    public string EventType { get; private set; } = null!;

    public WebhookDeliveryStatus Status { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>When it is due; while an instance holds it, the end of that instance's claim.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>Which claim holds it: an outcome is stored only by the claim that made the attempt.</summary>
    public Guid? ClaimToken { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public static WebhookDelivery For(Guid eventId, string eventType, Guid endpointId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        EventId = eventId,
        EventType = eventType,
        EndpointId = endpointId,
        Status = WebhookDeliveryStatus.Pending,
        CreatedAt = Timestamps.Normalize(now),
        NextAttemptAt = Timestamps.Normalize(now),
    };

    public void Succeeded(DateTimeOffset now)
    {
        Attempts++;
        Status = WebhookDeliveryStatus.Succeeded;
        CompletedAt = Timestamps.Normalize(now);
        ClaimToken = null;
    }

    /// <summary>
    /// A failed attempt: the next waits the schedule's step for this attempt; after the last step it is dead.
    /// Returns true when it died.
    /// </summary>
    public bool Failed(DateTimeOffset now, IReadOnlyList<TimeSpan> schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        Attempts++;
        ClaimToken = null;
        if (Attempts > schedule.Count)
        {
            Status = WebhookDeliveryStatus.Dead;
            CompletedAt = Timestamps.Normalize(now);
            return true;
        }

        NextAttemptAt = Timestamps.Normalize(now + schedule[Attempts - 1]);
        return false;
    }

    /// <summary>The endpoint is gone or disabled: nothing more is attempted.</summary>
    public void Abandon(DateTimeOffset now)
    {
        Status = WebhookDeliveryStatus.Dead;
        CompletedAt = Timestamps.Normalize(now);
        ClaimToken = null;
    }
}
