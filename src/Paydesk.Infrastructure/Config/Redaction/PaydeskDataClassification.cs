using Microsoft.Extensions.Compliance.Classification;

namespace Paydesk.Infrastructure.Config.Redaction;

/// <summary>
/// The kinds of data Paydesk's logs must treat with care. A log parameter marked with one of the
/// attributes below is passed through the redactor registered for its class before it is written.
/// </summary>
public static class PaydeskDataClassification
{
    public const string TaxonomyName = "Paydesk";

    /// <summary>Keys, passwords, tokens: erased entirely.</summary>
    public static DataClassification Secret { get; } = new(TaxonomyName, nameof(Secret));

    /// <summary>What identifies a person, such as an email address: masked.</summary>
    public static DataClassification PersonalData { get; } = new(TaxonomyName, nameof(PersonalData));
}

[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecretDataAttribute() : DataClassificationAttribute(PaydeskDataClassification.Secret);

[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class PersonalDataAttribute() : DataClassificationAttribute(PaydeskDataClassification.PersonalData);
