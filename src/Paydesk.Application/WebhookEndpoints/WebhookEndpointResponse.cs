using Paydesk.Domain.WebhookEndpoints;

namespace Paydesk.Application.WebhookEndpoints;

/// <summary>An endpoint as the API shows it: never its secret, which is shown once.</summary>
public sealed record WebhookEndpointResponse(
    Guid Id,
    string Url,
    IReadOnlyList<string> EventTypes,
    string? Description,
    bool Enabled,
    DateTimeOffset? FailingSince,
    DateTimeOffset? AutoDisabledAt,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static WebhookEndpointResponse From(WebhookEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new(endpoint.Id, endpoint.Url, endpoint.EventTypes, endpoint.Description, endpoint.Enabled, endpoint.FailingSince,
            endpoint.AutoDisabledAt, endpoint.PreviousSecretExpiresAt, endpoint.CreatedAt, endpoint.UpdatedAt);
    }
}

/// <summary>The answer to a creation or a rotation: the endpoint and its new signing secret, shown this once.</summary>
public sealed record WebhookEndpointSecretResponse(WebhookEndpointResponse Endpoint, string Secret);

public sealed record WebhookEndpointList(IReadOnlyList<WebhookEndpointResponse> Data);
