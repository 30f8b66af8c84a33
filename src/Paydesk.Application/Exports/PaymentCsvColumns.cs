using CsvHelper;
using Paydesk.Application.Abstractions;

namespace Paydesk.Application.Exports;

/// <summary>
/// The columns of the payments export, in order: the one place they are named. Amounts are integer
/// minor units of the row's currency, as everywhere in the API; times are RFC 3339 UTC to the
/// microsecond. The metadata is one column holding a JSON object (as stored: keys in ordinal order,
/// <c>{}</c> for none), so that any set of keys fits one fixed header and parses back exactly.
/// </summary>
public static class PaymentCsvColumns
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private static readonly (string Name, Action<CsvWriter, PaymentExportRow> Write)[] Columns =
    [
        ("id", (csv, p) => csv.WriteField(p.Id, "D")),
        ("created", (csv, p) => csv.WriteField(p.CreatedAt.UtcDateTime, TimeFormat)),
        ("user_id", (csv, p) => csv.WriteField(p.UserId, "D")),
        ("amount", (csv, p) => csv.WriteField(p.Amount, default)),
        ("currency", (csv, p) => csv.WriteField(p.Currency)),
        ("status", (csv, p) => csv.WriteField(p.Status)),
        ("refunded", (csv, p) => csv.WriteField(p.AmountRefunded, default)),
        ("gateway_reference", (csv, p) => csv.WriteField(p.GatewayReference)),
        ("disputed", (csv, p) => csv.WriteField(p.AmountDisputed, default)),
        ("metadata", (csv, p) => csv.WriteField(p.MetadataJson)),
        ("description", (csv, p) => csv.WriteField(p.Description)),
    ];

    /// <summary>The header row.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(Columns, c => c.Name);

    internal static void Write(CsvWriter csv, PaymentExportRow payment)
    {
        foreach (var (_, write) in Columns)
        {
            write(csv, payment);
        }
    }
}
