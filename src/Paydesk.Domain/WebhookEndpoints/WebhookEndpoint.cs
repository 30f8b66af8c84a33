using Paydesk.Domain.Common;

namespace Paydesk.Domain.WebhookEndpoints;

/// <summary>
/// A URL of the company's own to which Paydesk posts the events it wants, signed with the
/// endpoint's secret. After a rotation the previous secret signs beside the new one until it expires.
/// </summary>
public sealed class WebhookEndpoint
{
    public const int MaxUrlLength = 2048;
    public const int MaxDescriptionLength = 500;
    public const int MaxEventTypes = 50;

    private WebhookEndpoint()
    {
    }

    public Guid Id { get; private set; }

    public string Url { get; private set; } = null!;

    public string[] EventTypes { get; private set; } = [];

    public string? Description { get; private set; }

    public bool Enabled { get; private set; }

    public string Secret { get; private set; } = null!;

    public string? PreviousSecret { get; private set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }

    /// <summary>Since when every attempt has failed; null while the last attempt succeeded.</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    /// <summary>Set when Paydesk disabled the endpoint itself because it kept failing.</summary>
    public DateTimeOffset? AutoDisabledAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static WebhookEndpoint Create(Uri url, IReadOnlyCollection<string> eventTypes, string? description, string secret, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var at = Timestamps.Normalize(now);
        var endpoint = new WebhookEndpoint
        {
            Id = Guid.CreateVersion7(),
            Enabled = true,
            Secret = secret,
            CreatedAt = at,
            UpdatedAt = at,
        };
        endpoint.SetUrl(url);
        endpoint.SetEventTypes(eventTypes);
        endpoint.SetDescription(description);
        return endpoint;
    }

    public bool Wants(string eventType) => Enabled && EventTypePattern.MatchesAny(EventTypes, eventType);

    public void Change(Uri? url, IReadOnlyCollection<string>? eventTypes, string? description, bool? enabled, DateTimeOffset now)
    {
        if (url is not null)
        {
            SetUrl(url);
        }

        if (eventTypes is not null)
        {
            SetEventTypes(eventTypes);
        }

        if (description is not null)
        {
            SetDescription(description);
        }

        if (enabled is { } on && on != Enabled)
        {
            Enabled = on;
            // Enabled again by a person: its failures so far no longer count towards disabling it.
            FailingSince = null;
            AutoDisabledAt = null;
        }

        UpdatedAt = Timestamps.Normalize(now);
    }

    /// <summary>The new secret signs from now on; the current one keeps signing beside it for <paramref name="overlap"/>.</summary>
    public void RotateSecret(string newSecret, TimeSpan overlap, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(newSecret);
        PreviousSecret = Secret;
        PreviousSecretExpiresAt = Timestamps.Normalize(now + overlap);
        Secret = newSecret;
        UpdatedAt = Timestamps.Normalize(now);
    }

    /// <summary>The secrets a delivery made at <paramref name="now"/> is signed with, newest first.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        PreviousSecret is not null && PreviousSecretExpiresAt > now ? [Secret, PreviousSecret] : [Secret];

    public void RecordSuccess() => FailingSince = null;

    /// <summary>Counts a failed attempt; returns true when this one disabled the endpoint.</summary>
    public bool RecordFailure(DateTimeOffset attemptedAt, TimeSpan disableAfter)
    {
        FailingSince ??= Timestamps.Normalize(attemptedAt);
        if (!Enabled || attemptedAt - FailingSince < disableAfter)
        {
            return false;
        }

        Enabled = false;
        AutoDisabledAt = Timestamps.Normalize(attemptedAt);
        UpdatedAt = AutoDisabledAt.Value;
        return true;
    }

    private void SetUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            || url.OriginalString.Length > MaxUrlLength || !string.IsNullOrEmpty(url.UserInfo))
        {
            throw new InvalidValueException("invalid_url", "The URL must be an absolute http(s) URL without credentials.");
        }

        Url = url.AbsoluteUri;
    }

    private void SetEventTypes(IReadOnlyCollection<string> eventTypes)
    {
        ArgumentNullException.ThrowIfNull(eventTypes);
        if (eventTypes.Count is 0 or > MaxEventTypes || !eventTypes.All(EventTypePattern.IsValid))
        {
            throw new InvalidValueException("invalid_event_types", $"Give 1 to {MaxEventTypes} event types such as 'payment.*' or 'user.registered'.");
        }

        EventTypes = [.. eventTypes.Distinct(StringComparer.Ordinal)];
    }

    private void SetDescription(string? description)
    {
        if (description is { Length: > MaxDescriptionLength })
        {
            throw new InvalidValueException("invalid_description", $"The description must be at most {MaxDescriptionLength} characters.");
        }

        Description = string.IsNullOrWhiteSpace(description) ? null : description;
    }
}
