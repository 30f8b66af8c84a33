using FluentValidation.Results;
using Paydesk.Domain.WebhookEndpoints;

namespace Paydesk.Application.WebhookEndpoints;

/// <summary>The checks shared by creating and changing an endpoint, each failure naming its field.</summary>
internal static class WebhookEndpointRules
{
    public static Uri? CheckUrl(string? url, bool required, bool requireHttps, List<ValidationFailure> failures)
    {
        if (url is null)
        {
            if (required)
            {
                failures.Add(new ValidationFailure("url", "The url is required."));
            }

            return null;
        }

        if (url.Length > WebhookEndpoint.MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            failures.Add(new ValidationFailure("url", $"The url must be an absolute http(s) URL of at most {WebhookEndpoint.MaxUrlLength} characters, without credentials."));
            return null;
        }

        if (requireHttps && uri.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add(new ValidationFailure("url", "The url must be https."));
            return null;
        }

        return uri;
    }

    public static void CheckEventTypes(IReadOnlyCollection<string>? eventTypes, bool required, List<ValidationFailure> failures)
    {
        if (eventTypes is null)
        {
            if (required)
            {
                failures.Add(new ValidationFailure("eventTypes", "The eventTypes are required, e.g. [\"payment.*\"]."));
            }

            return;
        }

        if (eventTypes.Count is 0 or > WebhookEndpoint.MaxEventTypes || !eventTypes.All(EventTypePattern.IsValid))
        {
            failures.Add(new ValidationFailure("eventTypes", $"Give 1 to {WebhookEndpoint.MaxEventTypes} event types: exact ('payment.succeeded'), a prefix ('payment.*') or '*'."));
        }
    }

    public static void CheckDescription(string? description, List<ValidationFailure> failures)
    {
        if (description is { Length: > WebhookEndpoint.MaxDescriptionLength })
        {
            failures.Add(new ValidationFailure("description", $"The description must be at most {WebhookEndpoint.MaxDescriptionLength} characters."));
        }
    }
}
