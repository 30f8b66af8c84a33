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
        source is { Length: > 0 and <= MaxLength } && TokenPattern().IsMatch(source) && !CardNumberLike().IsMatch(source);

    // \z, not $: a trailing line feed must not pass.
    [GeneratedRegex(@"^(pm|tok|src|card)_[A-Za-z0-9_]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    // Gateway tokens never hold a dozen digits in a row; a card number does.
    [GeneratedRegex("[0-9]{12}", RegexOptions.CultureInvariant)]
    private static partial Regex CardNumberLike();
}
