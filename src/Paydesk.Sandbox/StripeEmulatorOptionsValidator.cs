using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Paydesk.Sandbox;

/// <summary>
/// The options' annotations, each problem reported with its full key
/// (<c>PaymentGateway:Sandbox:Port: ...</c>) as the host reports its own sections.
/// </summary>
internal sealed class StripeEmulatorOptionsValidator : IValidateOptions<StripeEmulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, StripeEmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.SelectMany(r => r.MemberNames.DefaultIfEmpty(string.Empty)
            .Select(member => $"{StripeEmulatorOptions.SectionName}{(member.Length == 0 ? string.Empty : ":" + member)}: {r.ErrorMessage}")));
    }
}
