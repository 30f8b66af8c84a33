namespace Paydesk.Infrastructure.External.Messaging.Outbox;

public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Published = "published";
    public const string Dead = "dead";
}

/// <summary>
/// One integration event waiting to leave Paydesk, written in the same transaction as the change
/// that caused it. <see cref="Payload"/> is the complete CloudEvent in structured JSON form, so the
/// relay sends exactly the bytes that were committed and a retry sends the same event.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxErrorLength = 2000;

    /// <summary>The CloudEvents id and AMQP message-id; stable across retries.</summary>
    public Guid Id { get; set; }

    /// <summary>The short event type, also the routing key (<c>payment.succeeded</c>).</summary>
    public string EventType { get; set; } = null!;

    /// <summary>The payment or user the event is about.</summary>
    public string Subject { get; set; } = null!;

    public string ContentType { get; set; } = null!;

    public string Payload { get; set; } = null!;

    /// <summary>W3C trace context of the request that caused the event.</summary>
    public string? TraceParent { get; set; }

    public string? TraceState { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string Status { get; set; } = OutboxStatus.Pending;

    public int Attempts { get; set; }

    /// <summary>When the relay may next try; pending rows whose time has come are due.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public DateTimeOffset? DeadLetteredAt { get; set; }

    /// <summary>Counts a failed attempt: backs off, or dead-letters once <paramref name="maxAttempts"/> is reached.</summary>
    public void MarkFailed(string error, int maxAttempts, DateTimeOffset now, TimeSpan backoff)
    {
        Attempts++;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        if (Attempts >= maxAttempts)
        {
            Status = OutboxStatus.Dead;
            DeadLetteredAt = now;
        }
        else
        {
            NextAttemptAt = now + backoff;
        }
    }

    /// <summary>An operator sends a dead letter round again, with a fresh count of attempts.</summary>
    public void Redrive(DateTimeOffset now)
    {
        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        DeadLetteredAt = null;
    }
}
