using FluentValidation;
using FluentValidation.Results;
using Paydesk.Domain.Common;
using Paydesk.Domain.WebhookEndpoints;

namespace Paydesk.Application.WebhookEndpoints;

public sealed record CreateWebhookEndpointCommand(string? Url, IReadOnlyList<string>? EventTypes, string? Description);

public sealed class CreateWebhookEndpointHandler(
    IWebhookEndpointRepository endpoints, IUnitOfWork unitOfWork, IWebhookSettings settings, TimeProvider clock)
{
    public async Task<WebhookEndpointSecretResponse> HandleAsync(CreateWebhookEndpointCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var failures = new List<ValidationFailure>();
        var url = WebhookEndpointRules.CheckUrl(command.Url, required: true, settings.RequireHttps, failures);
        WebhookEndpointRules.CheckEventTypes(command.EventTypes, required: true, failures);
        WebhookEndpointRules.CheckDescription(command.Description, failures);
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        var secret = WebhookSecret.New();
        var endpoint = WebhookEndpoint.Create(url!, command.EventTypes!, command.Description, secret, clock.GetUtcNow());
        endpoints.Add(endpoint);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new WebhookEndpointSecretResponse(WebhookEndpointResponse.From(endpoint), secret);
    }
}
