using Paydesk.Domain.Common;

namespace Paydesk.Domain.WebhookEndpoints;

/// <summary>What one HTTP attempt of a delivery met: the status code or the error, how long it took, the start of the answer.</summary>
public sealed class WebhookAttempt
{
    public const int MaxResponseChars = 1024;
    public const int MaxErrorLength = 500;

    private WebhookAttempt()
    {
    }

    public Guid Id { get; private set; }

    public Guid DeliveryId { get; private set; }

    public Guid EventId { get; private set; }

    public Guid EndpointId { get; private set; }

    public DateTimeOffset AttemptedAt { get; private set; }

    public int? StatusCode { get; private set; }

    public string? Error { get; private set; }

    public long DurationMs { get; private set; }

    public string? ResponseBody { get; private set; }

    public bool Succeeded => StatusCode is >= 200 and < 300;

    public static WebhookAttempt Record(
        WebhookDelivery delivery, DateTimeOffset attemptedAt, int? statusCode, string? error, TimeSpan duration, string? responseBody)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new WebhookAttempt
        {
            Id = Guid.CreateVersion7(),
            DeliveryId = delivery.Id,
            EventId = delivery.EventId,
            EndpointId = delivery.EndpointId,
            AttemptedAt = Timestamps.Normalize(attemptedAt),
            StatusCode = statusCode,
            Error = error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error,
            DurationMs = (long)duration.TotalMilliseconds,
            ResponseBody = responseBody is { Length: > MaxResponseChars } ? responseBody[..MaxResponseChars] : responseBody,
        };
    }
}
