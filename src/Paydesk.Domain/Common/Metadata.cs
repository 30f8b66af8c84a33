using System.Collections.ObjectModel;

namespace Paydesk.Domain.Common;

/// <summary>
/// A caller's own tags on a user, payment or refund (an order id, say), passed on to the gateway's
/// object beside Paydesk's ids. The limits are Stripe's, less the keys Paydesk keeps for itself on
/// the same object, so that whatever is accepted here the gateway accepts too. Keys compare
/// ordinally (case-sensitive, like Stripe's) and are kept in that order.
/// </summary>
public sealed class Metadata : IEquatable<Metadata>
{
    /// <summary>
    /// Stripe's limit of keys on one object, as the caller's limit (issue 16). Paydesk's own ids go
    /// beside them (decision 0010 says what that means at a real Stripe account).
    /// </summary>
    public const int MaxKeys = 50;
    public const int MaxKeyLength = 40;
    public const int MaxValueLength = 500;

    /// <summary>Paydesk's own keys on gateway objects start with this; a caller's never do (any case).</summary>
    public const string ReservedPrefix = "paydesk_";

    public static readonly Metadata Empty = new(new SortedDictionary<string, string>(StringComparer.Ordinal));

    private readonly SortedDictionary<string, string> _entries;

    private Metadata(SortedDictionary<string, string> entries)
    {
        _entries = entries;
        Entries = new ReadOnlyDictionary<string, string>(entries);
    }

    /// <summary>The entries, in ordinal key order.</summary>
    public IReadOnlyDictionary<string, string> Entries { get; }

    public int Count => _entries.Count;

    /// <summary>The metadata; null or no entries is <see cref="Empty"/>.</summary>
    /// <exception cref="InvalidValueException">An entry or the count breaks a limit (<see cref="Validate"/>).</exception>
    public static Metadata Create(IEnumerable<KeyValuePair<string, string>>? entries)
    {
        var errors = Validate(entries);
        if (errors.Count > 0)
        {
            throw new InvalidValueException("invalid_metadata", errors[0].Message);
        }

        return entries is null ? Empty : From(entries);
    }

    /// <summary>Every rule the entries break; none when they make valid metadata. A null value (from JSON) breaks one too.</summary>
    public static IReadOnlyList<MetadataError> Validate(IEnumerable<KeyValuePair<string, string>>? entries)
    {
        var errors = new List<MetadataError>();
        if (entries is null)
        {
            return errors;
        }

        var count = 0;
        foreach (var (key, value) in entries)
        {
            count++;
            if (KeyError(key) is { } keyError)
            {
                errors.Add(new MetadataError(key, keyError));
            }
            else if (string.IsNullOrEmpty(value))
            {
                // Stripe drops a key whose value is empty: Paydesk and the gateway would disagree.
                errors.Add(new MetadataError(key, $"The value of metadata key '{key}' must be a string of 1 to {MaxValueLength} characters."));
            }
            else if (value.Length > MaxValueLength)
            {
                errors.Add(new MetadataError(key, $"The value of metadata key '{key}' must be at most {MaxValueLength} characters."));
            }
        }

        if (count > MaxKeys)
        {
            errors.Insert(0, new MetadataError(null, $"The metadata may have at most {MaxKeys} keys."));
        }

        return errors;
    }

    public bool Equals(Metadata? other) =>
        other is not null && _entries.Count == other._entries.Count && _entries.SequenceEqual(other._entries);

    public override bool Equals(object? obj) => Equals(obj as Metadata);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var (key, value) in _entries)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    private static Metadata From(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            sorted[key] = value;
        }

        return sorted.Count == 0 ? Empty : new Metadata(sorted);
    }

    private static string? KeyError(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "A metadata key must not be empty.";
        }

        if (key.Length > MaxKeyLength)
        {
            return $"The metadata key '{key[..MaxKeyLength]}…' must be at most {MaxKeyLength} characters.";
        }

        if (key.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return $"The metadata key '{key}' is reserved: keys starting with '{ReservedPrefix}' are Paydesk's own.";
        }

        // Brackets would make the gateway's form encoding (metadata[key]) ambiguous; Stripe refuses them too.
        if (key.Any(c => c is '[' or ']' || char.IsControl(c)))
        {
            return $"The metadata key '{key}' must not contain '[', ']' or control characters.";
        }

        return null;
    }
}
