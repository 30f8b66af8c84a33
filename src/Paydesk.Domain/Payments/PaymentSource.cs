using System.Text.RegularExpressions;

namespace Paydesk.Domain.Payments;

/// <summary>
/// A payment source is the gateway's token for a payment method (pm_card_visa, pm_1Nx...), never
/// card data. The shape check keeps card numbers out of the database and the logs.
/// </summary>
public static partial class PaymentSource
{
    public const int MaxLength = 255;

    public static bool IsValid(string? source) =>
        source is { Length: > 0 and <= MaxLength } && TokenPattern().IsMatch(source);

    [GeneratedRegex("^(pm|tok|src|card)_[A-Za-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
