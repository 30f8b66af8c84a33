using System.ComponentModel.DataAnnotations;
using Paydesk.Infrastructure.Config.Sources;

namespace Paydesk.Infrastructure.Config;

/// <summary>
/// A required setting that is usually given through the environment (a secret): its message names
/// the environment variable Paydesk actually reads for <see cref="Key"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredSettingAttribute(string key, string what) : RequiredAttribute
{
    /// <summary>The full configuration key, e.g. <c>PaymentGateway:Stripe:SecretKey</c>.</summary>
    public string Key { get; } = key;

    /// <summary>What the setting is, e.g. "The Stripe secret key".</summary>
    public string What { get; } = what;

    public override string FormatErrorMessage(string name) =>
        $"{What} is required (environment variable {PaydeskEnvironmentVariablesSource.VariableFor(Key)}).";
}
