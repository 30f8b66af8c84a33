using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Paydesk.Application.Abstractions;

namespace Paydesk.Application.Reports;

public sealed record DailyTotalsQuery(string? From, string? To);

/// <summary>The rows as the read model gives them; a <see cref="DateOnly"/> is written <c>yyyy-MM-dd</c> in JSON.</summary>
public sealed record DailyTotalsReport(IReadOnlyList<DailyTotal> Data);

public sealed class GetDailyTotalsHandler(IDailyTotalsQuery totals)
{
    public const int MaxDays = 366;
    private const string DateFormat = "yyyy-MM-dd";

    public async Task<DailyTotalsReport> HandleAsync(DailyTotalsQuery query, CancellationToken cancellationToken)
    {
        var failures = new List<ValidationFailure>();
        var from = ParseDate(query.From, "from", failures);
        var to = ParseDate(query.To, "to", failures);
        if (from is not null && to is not null)
        {
            if (to < from)
            {
                failures.Add(new ValidationFailure("to", "The 'to' date must not be before the 'from' date."));
            }
            else if (to.Value.DayNumber - from.Value.DayNumber + 1 > MaxDays)
            {
                failures.Add(new ValidationFailure("to", $"The range may span at most {MaxDays} days."));
            }
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        return new DailyTotalsReport(await totals.GetAsync(from!.Value, to!.Value, cancellationToken));
    }

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
