using Paydesk.Domain.Common;

namespace Paydesk.Domain.Amounts;

/// <summary>
/// An exact amount: whole minor units (cents, yen, fils) of one currency. Never a floating point.
/// </summary>
public readonly record struct Money
{
    /// <summary>
    /// The largest amount a single charge may carry, in minor units: eight digits, the limit the
    /// major card gateways apply. Keeping well below <see cref="long.MaxValue"/> means sums in reports
    /// cannot overflow.
    /// </summary>
    public const long MaxMinorUnits = 99_999_999;

    public Money(long minorUnits, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        MinorUnits = minorUnits;
        Currency = currency;
    }

    public long MinorUnits { get; }

    public Currency Currency { get; }

    /// <summary>A positive amount a charge or refund may carry.</summary>
    public static Money Positive(long minorUnits, Currency currency)
    {
        if (minorUnits <= 0)
        {
            throw new InvalidValueException("invalid_amount", "The amount must be a positive whole number of minor units.");
        }

        if (minorUnits > MaxMinorUnits)
        {
            throw new InvalidValueException("invalid_amount", $"The amount must be at most {MaxMinorUnits} minor units.");
        }

        return new Money(minorUnits, currency);
    }

    public override string ToString() => $"{MinorUnits} {Currency.Code} (minor units)";
}
