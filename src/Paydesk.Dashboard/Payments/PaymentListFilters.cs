using System.Globalization;
using FluentValidation.Results;
using Paydesk.Application.Payments;

namespace Paydesk.Dashboard.Payments;

/// <summary>
/// The payments page's filters as the form sends them, named as GET /v1/payments names its
/// parameters, with the dates as whole UTC days (the form's date fields) rather than timestamps.
/// </summary>
internal sealed record PaymentListFilters(
    string? Status,
    string? Currency,
    string? UserId,
    string? CreatedFrom,
    string? CreatedTo,
    string? MetadataKey,
    string? MetadataValue)
{
    /// <summary>
    /// The search the filters ask for: from the start of <see cref="CreatedFrom"/> to the end of
    /// <see cref="CreatedTo"/> (both days included); a malformed day or a half-given metadata pair
    /// is added to <paramref name="failures"/> under the form's field name.
    /// </summary>
    public PaymentSearch ToSearch(string? cursor, int limit, List<ValidationFailure> failures)
    {
        var from = Day(CreatedFrom, "createdFrom", failures);
        var to = Day(CreatedTo, "createdTo", failures)?.AddDays(1);
        List<KeyValuePair<string, string>>? metadata = null;
        if (MetadataKey is not null && MetadataValue is not null)
        {
            metadata = [new(MetadataKey, MetadataValue)];
        }
        else if (MetadataKey is not null || MetadataValue is not null)
        {
            failures.Add(new ValidationFailure(MetadataKey is null ? "metadataKey" : "metadataValue", "Give both a metadata key and the value it must have, or neither."));
        }

        return new PaymentSearch(Status, Currency, UserId, Timestamp(from), Timestamp(to), metadata, limit, cursor);
    }

    /// <summary>The filters as query parameters (those given), for the next page's link and the CSV download.</summary>
    public List<KeyValuePair<string, string?>> QueryParameters()
    {
        (string Name, string? Value)[] all =
        [
            ("status", Status), ("currency", Currency), ("userId", UserId), ("createdFrom", CreatedFrom),
            ("createdTo", CreatedTo), ("metadataKey", MetadataKey), ("metadataValue", MetadataValue),
        ];
        return [.. all.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string?>(p.Name, p.Value))];
    }

    private static DateOnly? Day(string? value, string field, List<ValidationFailure> failures)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        failures.Add(new ValidationFailure(field, "Enter a day as YYYY-MM-DD."));
        return null;
    }

    private static string? Timestamp(DateOnly? day) =>
        day?.ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture);
}
