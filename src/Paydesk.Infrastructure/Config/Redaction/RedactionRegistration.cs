using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;

namespace Paydesk.Infrastructure.Config.Redaction;

public static class RedactionRegistration
{
    /// <summary>
    /// Log parameters classified as secret are erased and personal data masked, whatever logs them.
    /// The host turns redaction on in logging with <c>EnableRedaction()</c>.
    /// </summary>
    public static IServiceCollection AddPaydeskRedaction(this IServiceCollection services) =>
        services.AddRedaction(redaction =>
        {
            redaction.SetRedactor<ErasingRedactor>(new DataClassificationSet(PaydeskDataClassification.Secret));
            redaction.SetRedactor<EmailMaskingRedactor>(new DataClassificationSet(PaydeskDataClassification.PersonalData));
        });
}
