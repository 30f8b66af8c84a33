namespace Paydesk.Application.Abstractions;

/// <summary>A read model over payments and refunds, written as hand-tuned SQL per provider.</summary>
public interface IDailyTotalsQuery
{
    /// <summary>Totals per UTC day and currency for the days from <paramref name="from"/> to <paramref name="to"/>, inclusive.</summary>
    Task<IReadOnlyList<DailyTotal>> GetAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);
}

/// <summary>
/// One day and currency. Charges count on the day they were made; refunds on the day they were made.
/// Amounts are minor units.
/// </summary>
/// <param name="NetAmount">Gross less refunded and lost.</param>
/// <param name="DisputedAmount">Disputes opened that day.</param>
/// <param name="LostAmount">Funds disputes withdrawn that day and not reinstated since.</param>
public sealed record DailyTotal(
    DateOnly Date,
    string Currency,
    long SucceededCount,
    long FailedCount,
    long GrossAmount,
    long RefundedAmount,
    long NetAmount,
    long DisputedAmount = 0,
    long LostAmount = 0);
