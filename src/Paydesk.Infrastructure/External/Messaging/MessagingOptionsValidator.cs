using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Paydesk.Infrastructure.Config.Sources;

namespace Paydesk.Infrastructure.External.Messaging;

/// <summary>The rules that depend on the transport: RabbitMq needs a broker URI that parses.</summary>
internal sealed class MessagingOptionsValidator : IValidateOptions<MessagingOptions>
{
    private const string UriKey = $"{MessagingOptions.SectionName}:RabbitMq:Uri";

    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Transport))
        {
            failures.Add($"{MessagingOptions.SectionName}:Transport: must be InProcess or RabbitMq.");
        }

        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add($"{MessagingOptions.SectionName}:RetryMaxDelay: must not be shorter than RetryBaseDelay.");
        }

        if (options.Transport == MessagingTransport.RabbitMq)
        {
            // The section validator does not walk into nested objects: check RabbitMq's own annotations here.
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(options.RabbitMq, new ValidationContext(options.RabbitMq), results, validateAllProperties: true);
            failures.AddRange(results.SelectMany(r => r.MemberNames.Select(m => $"{MessagingOptions.SectionName}:RabbitMq:{m}: {r.ErrorMessage}")));

            if (string.IsNullOrWhiteSpace(options.RabbitMq.Uri))
            {
                failures.Add($"{UriKey}: a broker URI (amqp://user:password@host:5672/vhost) is required when {MessagingOptions.SectionName}:Transport is RabbitMq (environment variable {PaydeskEnvironmentVariablesSource.VariableFor(UriKey)}).");
            }
            else if (!Uri.TryCreate(options.RabbitMq.Uri, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
            {
                failures.Add($"{UriKey}: must be an absolute amqp:// or amqps:// URI.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
