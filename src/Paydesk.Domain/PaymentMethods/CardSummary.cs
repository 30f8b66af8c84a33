using System.Text.RegularExpressions;
using Paydesk.Domain.Common;

namespace Paydesk.Domain.PaymentMethods;

/// <summary>
/// What Paydesk keeps of a card: enough for a person to recognise it (brand, last four digits,
/// expiry), never the number, the CVC or the gateway's fingerprint.
/// </summary>
public sealed partial record CardSummary
{
    public const int MaxBrandLength = 32;

    private CardSummary(string brand, string last4, int expMonth, int expYear)
    {
        Brand = brand;
        Last4 = last4;
        ExpMonth = expMonth;
        ExpYear = expYear;
    }

    /// <summary>The gateway's brand name in lower case, e.g. visa, mastercard, amex.</summary>
    public string Brand { get; }

    public string Last4 { get; }

    public int ExpMonth { get; }

    public int ExpYear { get; }

    public static CardSummary Create(string? brand, string? last4, int expMonth, int expYear)
    {
        if (brand is not { Length: > 0 and <= MaxBrandLength } || !BrandPattern().IsMatch(brand))
        {
            throw new InvalidValueException("invalid_card", $"The card brand must be 1 to {MaxBrandLength} lower-case letters, digits, underscores or spaces.");
        }

        if (last4 is null || !Last4Pattern().IsMatch(last4))
        {
            throw new InvalidValueException("invalid_card", "The card's last four digits must be exactly four digits.");
        }

        if (expMonth is < 1 or > 12)
        {
            throw new InvalidValueException("invalid_card", "The card's expiry month must be from 1 to 12.");
        }

        if (expYear is < 2000 or > 9999)
        {
            throw new InvalidValueException("invalid_card", "The card's expiry year must be a four-digit year.");
        }

        return new CardSummary(brand, last4, expMonth, expYear);
    }

    // \z, not $: a trailing line feed must not pass.
    [GeneratedRegex(@"^[a-z0-9_ ]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex BrandPattern();

    [GeneratedRegex(@"^[0-9]{4}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Last4Pattern();
}
