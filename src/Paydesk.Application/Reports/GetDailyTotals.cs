using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Paydesk.Application.Abstractions;

namespace Paydesk.Application.Reports;

public sealed record DailyTotalsQuery(string? From, string? To);

public sealed record DailyTotalsReport(IReadOnlyList<DailyTotalRow> Data);

/// <summary>One UTC day and currency; amounts are minor units of that currency.</summary>
public sealed record DailyTotalRow(
    string Date,
    string Currency,
    long SucceededCount,
    long FailedCount,
    long GrossAmount,
    long RefundedAmount,
    long NetAmount);

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

        var rows = await totals.GetAsync(from!.Value, to!.Value, cancellationToken);
        return new DailyTotalsReport(rows
            .Select(r => new DailyTotalRow(
                r.Date.ToString(DateFormat, CultureInfo.InvariantCulture),
                r.Currency,
                r.SucceededCount,
                r.FailedCount,
                r.GrossAmount,
                r.RefundedAmount,
                r.NetAmount))
            .ToList());
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
