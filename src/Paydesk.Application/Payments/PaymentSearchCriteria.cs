using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Results;
using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Payments;

/// <summary>
/// Turns the text of a <see cref="PaymentSearch"/> into a <see cref="PaymentFilter"/>, or says which
/// parameter is wrong; the one place the search's rules live, for the search and the export alike.
/// An empty value is no filter, as an empty field of a search form means.
/// </summary>
internal static partial class PaymentSearchCriteria
{
    /// <summary>More metadata conditions than this is a query no index keeps cheap.</summary>
    public const int MaxMetadataFilters = 10;

    private static readonly string StatusNamesList = string.Join(", ", Enum.GetValues<PaymentStatus>().Select(s => s.ToName()));

    /// <summary>The filter, or a <see cref="ValidationException"/> naming every bad parameter.</summary>
    public static PaymentFilter ToFilter(PaymentSearch criteria)
    {
        var failures = new List<ValidationFailure>();
        var filter = ToFilter(criteria, failures);
        return failures.Count == 0 ? filter : throw new ValidationException(failures);
    }

    public static PaymentFilter ToFilter(PaymentSearch criteria, List<ValidationFailure> failures)
    {
        var filter = new PaymentFilter
        {
            Status = ParseStatus(criteria.Status, failures),
            Currency = ParseCurrency(criteria.Currency, failures),
            UserId = ParseUserId(criteria.UserId, failures),
            CreatedFrom = ParseTimestamp(criteria.CreatedFrom, "createdFrom", failures),
            CreatedTo = ParseTimestamp(criteria.CreatedTo, "createdTo", failures),
            Metadata = ParseMetadata(criteria.Metadata, failures),
        };
        if (filter.CreatedFrom > filter.CreatedTo)
        {
            failures.Add(new ValidationFailure("createdFrom", "createdFrom must not be after createdTo."));
        }

        return filter;
    }

    /// <summary>A short digest of the filter in one canonical spelling: equal filters, equal fingerprints.</summary>
    public static string Fingerprint(PaymentFilter filter)
    {
        string?[] parts =
        [
            filter.Status?.ToName(),
            filter.Currency?.Code,
            filter.UserId?.Value.ToString("N"),
            filter.CreatedFrom?.UtcTicks.ToString(CultureInfo.InvariantCulture),
            filter.CreatedTo?.UtcTicks.ToString(CultureInfo.InvariantCulture),
            .. filter.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal).SelectMany(m => new[] { m.Key, m.Value }),
        ];
        var digest = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(parts));
        return Base64Url.EncodeToString(digest.AsSpan(0, 12));
    }

    private static PaymentStatus? ParseStatus(string? value, List<ValidationFailure> failures)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        foreach (var status in Enum.GetValues<PaymentStatus>())
        {
            if (string.Equals(status.ToName(), value, StringComparison.Ordinal))
            {
                return status;
            }
        }

        failures.Add(new ValidationFailure("status", $"The status must be one of {StatusNamesList}."));
        return null;
    }

    private static Currency? ParseCurrency(string? value, List<ValidationFailure> failures)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (Currency.TryFromCode(value, out var currency))
        {
            return currency;
        }

        failures.Add(new ValidationFailure("currency", "The currency must be an ISO 4217 code in upper case, e.g. USD."));
        return null;
    }

    private static UserId? ParseUserId(string? value, List<ValidationFailure> failures)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (Guid.TryParseExact(value, "D", out var id))
        {
            return new UserId(id);
        }

        failures.Add(new ValidationFailure("userId", "The userId must be a user's id, a UUID such as 0190a5c4-7c3e-7b9a-8f00-3c2b1a000000."));
        return null;
    }

    private static DateTimeOffset? ParseTimestamp(string? value, string name, List<ValidationFailure> failures)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length <= 40 && Rfc3339().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var timestamp))
        {
            return Timestamps.Normalize(timestamp);
        }

        failures.Add(new ValidationFailure(name, $"{name} must be an RFC 3339 timestamp with an offset, e.g. 2026-01-31T00:00:00Z."));
        return null;
    }

    private static List<KeyValuePair<string, string>> ParseMetadata(IReadOnlyList<KeyValuePair<string, string>>? pairs, List<ValidationFailure> failures)
    {
        var parsed = new List<KeyValuePair<string, string>>();
        if (pairs is null)
        {
            return parsed;
        }

        if (pairs.Count > MaxMetadataFilters)
        {
            failures.Add(new ValidationFailure("metadata", $"At most {MaxMetadataFilters} metadata filters may be given."));
            return parsed;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            var name = $"metadata[{key}]";
            if (key.Length is 0 or > Metadata.MaxKeyLength)
            {
                failures.Add(new ValidationFailure(name, $"A metadata filter is written metadata[key]=value, with a key of 1 to {Metadata.MaxKeyLength} characters."));
            }
            else if (value.Length is 0 or > Metadata.MaxValueLength)
            {
                failures.Add(new ValidationFailure(name, $"The value of a metadata filter must be 1 to {Metadata.MaxValueLength} characters."));
            }
            else if (!seen.Add(key))
            {
                failures.Add(new ValidationFailure(name, "A metadata key may be filtered on once."));
            }
            else
            {
                parsed.Add(new(key, value));
            }
        }

        return parsed;
    }

    // RFC 3339's date-time: a full date, a time to the second with an optional fraction (as far as
    // .NET keeps it), and an offset, never a local time.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Rfc3339();
}
