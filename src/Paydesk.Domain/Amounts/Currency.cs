using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Paydesk.Domain.Common;

namespace Paydesk.Domain.Amounts;

/// <summary>
/// An ISO 4217 currency with the number of minor units (decimal places) that amounts in it carry.
/// Only active codes of real currencies are known; precious metals, testing and "no currency" codes
/// have no minor unit and cannot be charged.
/// </summary>
public sealed record Currency
{
    private static readonly FrozenDictionary<string, Currency> Known = BuildTable();

    private Currency(string code, int minorUnits)
    {
        Code = code;
        MinorUnits = minorUnits;
    }

    public string Code { get; }

    /// <summary>Digits after the decimal point: JPY 0, USD 2, BHD 3.</summary>
    public int MinorUnits { get; }

    public static IReadOnlyCollection<string> KnownCodes => Known.Keys;

    public static bool TryFromCode(string? code, [NotNullWhen(true)] out Currency? currency)
    {
        currency = null;
        return code is { Length: 3 } && Known.TryGetValue(code, out currency);
    }

    public static Currency FromCode(string? code) =>
        TryFromCode(code, out var currency)
            ? currency
            : throw new InvalidValueException("invalid_currency", $"'{code}' is not an ISO 4217 currency code that Paydesk accepts (use upper case, e.g. USD).");

    public override string ToString() => Code;

    private static FrozenDictionary<string, Currency> BuildTable()
    {
        // ISO 4217 list one (current currencies). Two minor units unless listed below.
        const string twoDigits =
            "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD " +
            "CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS " +
            "GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL " +
            "MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK " +
            "PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS " +
            "TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG";
        const string zeroDigits = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
        const string threeDigits = "BHD IQD JOD KWD LYD OMR TND";
        const string fourDigits = "CLF UYW";

        var table = new Dictionary<string, Currency>(StringComparer.Ordinal);
        Add(table, twoDigits, 2);
        Add(table, zeroDigits, 0);
        Add(table, threeDigits, 3);
        Add(table, fourDigits, 4);
        return table.ToFrozenDictionary(StringComparer.Ordinal);

        static void Add(Dictionary<string, Currency> table, string codes, int minorUnits)
        {
            foreach (var code in codes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                table.Add(code, new Currency(code, minorUnits));
            }
        }
    }
}
