using Paydesk.Domain.Common;
using Paydesk.Domain.WebhookEndpoints;

namespace Paydesk.Application.WebhookEndpoints;

public sealed class RotateWebhookSecretHandler(
    IWebhookEndpointRepository endpoints, IUnitOfWork unitOfWork, IWebhookSettings settings, TimeProvider clock)
{
    public async Task<WebhookEndpointSecretResponse> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.GetByIdAsync(id, cancellationToken) ?? throw WebhookEndpointErrors.NotFound(id);
        var secret = WebhookSecret.New();
        endpoint.RotateSecret(secret, settings.SecretOverlap, clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new WebhookEndpointSecretResponse(WebhookEndpointResponse.From(endpoint), secret);
    }
}
