using FluentValidation;
using FluentValidation.Results;

namespace Paydesk.Api.Endpoints;

/// <summary>
/// The metadata filters of a query string, written <c>metadata[key]=value</c> as Stripe's search
/// and list parameters are: one pair per parameter, the key between the brackets. The binder cannot
/// name parameters whose names are data, so they are read here; their rules are the search's.
/// </summary>
internal static class MetadataQuery
{
    public const string Prefix = "metadata";

    public static List<KeyValuePair<string, string>>? Read(IQueryCollection query)
    {
        List<KeyValuePair<string, string>>? pairs = null;
        foreach (var (name, values) in query)
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (name.Length < Prefix.Length + 2 || name[Prefix.Length] != '[' || name[^1] != ']')
            {
                throw new ValidationException([new ValidationFailure(Prefix, "A metadata filter is written metadata[key]=value.")]);
            }

            var key = name[(Prefix.Length + 1)..^1];
            pairs ??= [];
            foreach (var value in values)
            {
                pairs.Add(new(key, value ?? string.Empty));
            }
        }

        return pairs;
    }
}
