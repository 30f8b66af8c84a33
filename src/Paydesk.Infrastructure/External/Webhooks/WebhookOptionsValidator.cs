using Microsoft.Extensions.Options;

namespace Paydesk.Infrastructure.External.Webhooks;

internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ClaimLease <= options.Timeout * 2)
        {
            failures.Add("Webhooks:ClaimLease must be more than twice Webhooks:Timeout, so a claim outlasts its attempt.");
        }

        if (options.RetrySchedule.Any(step => step <= TimeSpan.Zero || step > TimeSpan.FromDays(7)))
        {
            failures.Add("Webhooks:RetrySchedule steps must be more than 0 and at most 7 days.");
        }

        if (options.MaxConcurrencyPerEndpoint > options.MaxConcurrency)
        {
            failures.Add("Webhooks:MaxConcurrencyPerEndpoint must not exceed Webhooks:MaxConcurrency.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
