using System.Globalization;
using FluentValidation;
using FluentValidation.Results;

namespace Paydesk.Application.Reports;

/// <summary>
/// The <c>from</c> and <c>to</c> of a report or an export: UTC days written YYYY-MM-DD, both
/// inclusive. The one place these parameters are read, so that every report takes them alike.
/// </summary>
public readonly record struct ReportDateRange(DateOnly From, DateOnly To)
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>The first instant of <see cref="From"/>, UTC.</summary>
    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The first instant after <see cref="To"/>, UTC (exclusive).</summary>
    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The range, or a <see cref="ValidationException"/> naming each bad parameter.</summary>
    /// <param name="maxDays">The most days the range may span; null for no limit.</param>
    public static ReportDateRange Parse(string? from, string? to, int? maxDays)
    {
        var failures = new List<ValidationFailure>();
        var first = ParseDate(from, "from", failures);
        var last = ParseDate(to, "to", failures);
        if (first is not null && last is not null)
        {
            if (last < first)
            {
                failures.Add(new ValidationFailure("to", "The 'to' date must not be before the 'from' date."));
            }
            else if (last.Value.DayNumber - first.Value.DayNumber + 1 > maxDays)
            {
                failures.Add(new ValidationFailure("to", $"The range may span at most {maxDays} days."));
            }
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        return new ReportDateRange(first!.Value, last!.Value);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{From.ToString(DateFormat, CultureInfo.InvariantCulture)}-{To.ToString(DateFormat, CultureInfo.InvariantCulture)}");

    private static DateOnly? ParseDate(string? value, string name, List<ValidationFailure> failures)
    {
        if (string.IsNullOrEmpty(value))
        {
            failures.Add(new ValidationFailure(name, $"The '{name}' date is required, as YYYY-MM-DD."));
            return null;
        }

        if (!DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            failures.Add(new ValidationFailure(name, $"The '{name}' date must be a real date written YYYY-MM-DD."));
            return null;
        }

        return date;
    }
}
