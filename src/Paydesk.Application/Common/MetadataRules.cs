using FluentValidation;
using Paydesk.Domain.Common;

namespace Paydesk.Application.Common;

/// <summary>
/// The metadata check every request with <c>metadata</c> shares. A failure about one key is named
/// <c>metadata[key]</c>, the form Stripe and the payments query use; one about the whole map is <c>metadata</c>.
/// </summary>
internal static class MetadataRules
{
    public const string Field = "metadata";

    public static void MustBeValidMetadata<T>(this IRuleBuilderInitial<T, IReadOnlyDictionary<string, string>?> rule) =>
        rule.Custom((metadata, context) =>
        {
            foreach (var error in Metadata.Validate(metadata))
            {
                context.AddFailure(FieldOf(error.Key), error.Message);
            }
        });

    public static string FieldOf(string? key) => key is null ? Field : $"{Field}[{key}]";
}
