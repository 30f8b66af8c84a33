using FluentValidation;
using FluentValidation.Results;
using Paydesk.Domain.Common;
using Paydesk.Domain.WebhookEndpoints;

namespace Paydesk.Application.WebhookEndpoints;

/// <summary>A partial change: what is null stays as it is.</summary>
public sealed record UpdateWebhookEndpointCommand(string? Url, IReadOnlyList<string>? EventTypes, string? Description, bool? Enabled);

public sealed class UpdateWebhookEndpointHandler(
    IWebhookEndpointRepository endpoints, IUnitOfWork unitOfWork, IWebhookSettings settings, TimeProvider clock)
{
    public async Task<WebhookEndpointResponse> HandleAsync(Guid id, UpdateWebhookEndpointCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var failures = new List<ValidationFailure>();
        var url = WebhookEndpointRules.CheckUrl(command.Url, required: false, settings.RequireHttps, failures);
        WebhookEndpointRules.CheckEventTypes(command.EventTypes, required: false, failures);
        WebhookEndpointRules.CheckDescription(command.Description, failures);
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        var endpoint = await endpoints.GetByIdAsync(id, cancellationToken) ?? throw WebhookEndpointErrors.NotFound(id);
        endpoint.Change(url, command.EventTypes, command.Description, command.Enabled, clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return WebhookEndpointResponse.From(endpoint);
    }
}
