using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CsvHelper;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Exports;

/// <summary>
/// The columns of the payments export, in order: the one place they are named. Amounts are integer
/// minor units of the row's currency, as everywhere in the API; times are RFC 3339 UTC to the
/// microsecond. The metadata is one column holding a JSON object (keys in ordinal order, <c>{}</c>
/// for none), so that any set of keys fits one fixed header and parses back exactly.
/// </summary>
public static class PaymentCsvColumns
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private static readonly JsonSerializerOptions MetadataJson = new()
    {
        // Letters of every script as they are; only what JSON must escape, and HTML's specials, escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private static readonly (string Name, Action<CsvWriter, Payment> Write)[] Columns =
    [
        ("id", (csv, p) => csv.WriteField(p.Id.Value, "D")),
        ("created", (csv, p) => csv.WriteField(p.CreatedAt.UtcDateTime, TimeFormat)),
        ("user_id", (csv, p) => csv.WriteField(p.UserId.Value, "D")),
        ("amount", (csv, p) => csv.WriteField(p.Amount, default)),
        ("currency", (csv, p) => csv.WriteField(p.Currency.Code)),
        ("status", (csv, p) => csv.WriteField(p.Status.ToName())),
        ("refunded", (csv, p) => csv.WriteField(p.AmountRefunded, default)),
        ("gateway_reference", (csv, p) => csv.WriteField(p.GatewayReference)),
        ("disputed", (csv, p) => csv.WriteField(p.AmountDisputed, default)),
        ("metadata", (csv, p) => csv.WriteField(JsonSerializer.Serialize(p.Metadata.Entries, MetadataJson))),
        ("description", (csv, p) => csv.WriteField(p.Description)),
    ];

    /// <summary>The header row.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(Columns, c => c.Name);

    internal static void Write(CsvWriter csv, Payment payment)
    {
        foreach (var (_, write) in Columns)
        {
            write(csv, payment);
        }
    }
}
